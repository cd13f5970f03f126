package tabular

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const benchRows, benchCols = 10_000, 10

// benchRow is a row of 10 cells like a 督办单's: texts, a number, dates.
func benchRow(i int) []any {
	return []any{fmt.Sprintf("督办〔2026〕%d号", i), 46352, "湘潭经开区管委会", "加快推进项目建设，按期完成签约、开工、投产任务",
		"每周报送进展情况", 46357, 46363, "市开放办", 12.5 + float64(i), "jingkai"}
}

func benchCSV(b *testing.B) []byte {
	var buf bytes.Buffer
	buf.WriteString("编号,日期,督办单位,督办内容,工作要求,开始日期,结束日期,签发单位,金额,印章\n")
	for i := 0; i < benchRows; i++ {
		for j, v := range benchRow(i) {
			if j > 0 {
				buf.WriteByte(',')
			}
			fmt.Fprint(&buf, v)
		}
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

func benchXLSX(b *testing.B) []byte {
	f := excelize.NewFile()
	defer f.Close()
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	header := []any{"编号", "日期", "督办单位", "督办内容", "工作要求", "开始日期", "结束日期", "签发单位", "金额", "印章"}
	sw.SetRow("A1", header)
	for i := 0; i < benchRows; i++ {
		row := benchRow(i)
		for _, j := range []int{1, 5, 6} {
			row[j] = excelize.Cell{StyleID: date, Value: row[j]}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func benchRead(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := Open(bytes.NewReader(data), Options{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			row, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if len(row.Cells) != benchCols {
				b.Fatalf("%s: %d cells", row.Where(), len(row.Cells))
			}
			n++
		}
		r.Close()
		if n != benchRows+1 {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkReadCSV(b *testing.B) { benchRead(b, benchCSV(b)) }

func BenchmarkReadCSVGB18030(b *testing.B) { benchRead(b, gb(b, string(benchCSV(b)))) }

func BenchmarkReadXLSX(b *testing.B) {
	data := benchXLSX(b)
	r, _ := Open(bytes.NewReader(data), Options{})
	r.Next()
	if row, _ := r.Next(); row.Cell(1).Kind != Date || !strings.HasPrefix(row.Cell(0).Text, "督办") {
		b.Fatalf("row 2: %+v", row.Cells)
	}
	benchRead(b, data)
}
