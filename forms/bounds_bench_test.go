package forms

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// manyRows returns a 附件2 input with n rows, each made by row(i).
func manyRows(n int, row func(i int) string) []byte {
	var b bytes.Buffer
	b.WriteString(`{"unit": "湘潭经开区管委会", "date": "2026-11-26", "rows": [`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(row(i))
	}
	b.WriteString("]}")
	return b.Bytes()
}

// invalidRow is a 附件2 row with a problem in every column.
func invalidRow(i int) string {
	return fmt.Sprintf(`{"no": %d, "name": "项目\u0007%d", "overview": "", "leader": "李某某\n王某某", "owner": 5, "tasks": []}`, i%3, i)
}

// shortRow is a row of 30 bytes: 100,000 of them make 3 MB.
const shortRow = `{"name": "湘潭某某项目"}`

// A 3 MB input of 100,000 rows is refused before its rows are decoded.
func BenchmarkParseTooManyRows(b *testing.B) {
	data := manyRows(100_000, func(int) string { return shortRow })
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(TaskListID, data); err == nil {
			b.Fatal("accepted")
		}
	}
}

// 5,000 rows (the most allowed), every one invalid in several columns.
func BenchmarkParseInvalid5000(b *testing.B) {
	data := manyRows(5000, invalidRow)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(TaskListID, data); err == nil {
			b.Fatal("accepted")
		}
	}
}

// 5,000 rows built in Go, every one invalid.
func BenchmarkValidateInvalid5000(b *testing.B) {
	f := &TaskList{Header: Header{Unit: "湘潭经开区管委会", Date: "2026-11-26"}}
	for i := range 5000 {
		f.Rows = append(f.Rows, TaskRow{No: i % 3, Name: "项目\a", Leader: "李某某\n王某某"})
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Validate(f); err == nil {
			b.Fatal("accepted")
		}
	}
}

// 10,000 督办单 in a batch, every one invalid in several fields.
func BenchmarkParseInvalidOrders10000(b *testing.B) {
	data := []byte("[" + strings.Repeat(`{"target": "湘潭经开区\n管委会", "date": "0000-01-01"},`, 9999) + "{}]")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(SupervisionID, data); err == nil {
			b.Fatal("accepted")
		}
	}
}
