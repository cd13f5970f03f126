package batch

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
)

// rows are n orders as header text → cell text; order 2 (from 0) ends
// before it starts when bad.
func rows(n int, bad bool) []map[string]string {
	var out []map[string]string
	for i := range n {
		r := map[string]string{"编号": fmt.Sprintf("督办〔2026〕%d号", i+1), "日期": "2026-11-26",
			"督办单位": fmt.Sprintf("第%d督办单位", i+1), "督办内容": "项目推进滞后，\n请加快。", "工作要求": "限期整改。",
			"开始日期": "2026/12/1", "结束日期": "2026年12月7日", "签发单位": "湘潭市重点项目落地工作办公室", "印章": "specimen"}
		if bad && i == 2 {
			r["结束日期"] = "2026-11-01"
		}
		out = append(out, r)
	}
	return out
}

// shuffled returns the header texts in a random order (all columns but 签发日期).
func shuffled(rng *rand.Rand) []string {
	h := []string{"编号", "日期", "督办单位", "督办内容", "工作要求", "开始日期", "结束日期", "签发单位", "印章"}
	rng.Shuffle(len(h), func(i, j int) { h[i], h[j] = h[j], h[i] })
	return h
}

func csvOf(t *testing.T, header []string, rs []map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(header)
	for _, r := range rs {
		var rec []string
		for _, h := range header {
			rec = append(rec, r[h])
		}
		w.Write(rec)
	}
	w.Flush()
	return buf.Bytes()
}

// xlsxOf writes the rows under a title row, the dates as date cells.
func xlsxOf(t *testing.T, header []string, rs []map[string]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "督办单批量表")
	custom := "yyyy\"年\"m\"月\"d\"日\""
	style, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	for j, h := range header {
		col, _ := excelize.ColumnNumberToName(j + 1)
		f.SetCellValue("Sheet1", fmt.Sprintf("%s2", col), h)
		for i, r := range rs {
			cell := fmt.Sprintf("%s%d", col, i+3)
			v := r[h]
			if d, err := forms.ParseDate(v); err == nil && strings.Contains(h, "日期") {
				tm, _ := d.Time()
				f.SetCellValue("Sheet1", cell, tm.Add(9*time.Hour)) // a time of day too
				f.SetCellStyle("Sheet1", cell, cell, style)
				continue
			}
			f.SetCellValue("Sheet1", cell, v)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Spreadsheets in every encoding and both formats, with the header in a
// random order, give the same orders as JSON; an invalid row is named by
// its line (CSV) or sheet and row (XLSX) and column.
func TestSpreadsheetInputs(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	ctx := context.Background()
	gb := func(b []byte) []byte {
		out, err := simplifiedchinese.GB18030.NewEncoder().Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, c := range []struct {
		name  string
		make  func([]string, []map[string]string) []byte
		where string // of the bad order's 结束日期
	}{
		{"utf-8", func(h []string, r []map[string]string) []byte { return csvOf(t, h, r) }, "第6行"}, // records of two lines (督办内容) after the header
		{"utf-8 bom", func(h []string, r []map[string]string) []byte {
			return append([]byte("\xEF\xBB\xBF"), csvOf(t, h, r)...)
		}, "第6行"}, // records of two lines (督办内容) after the header
		{"gb18030", func(h []string, r []map[string]string) []byte { return gb(csvOf(t, h, r)) }, "第6行"}, // records of two lines (督办内容) after the header
		{"xlsx", func(h []string, r []map[string]string) []byte { return xlsxOf(t, h, r) }, "Sheet1 第5行"},
	} {
		for round := range 3 {
			header := shuffled(rng)
			good := c.make(header, rows(5, false))
			rep, err := Check(ctx, bytes.NewReader(good), Options{})
			if err != nil || rep.Orders != 5 || len(rep.Invalid) != 0 {
				t.Fatalf("%s/%d: check %+v, %v", c.name, round, rep, err)
			}
			var pdf bytes.Buffer
			man, err := Print(ctx, &pdf, bytes.NewReader(good), Options{}, rep, true)
			if err != nil || man.Printed() != 5 {
				t.Fatalf("%s/%d: print %v", c.name, round, err)
			}
			for i, e := range man.Orders {
				if e.Number != fmt.Sprintf("督办〔2026〕%d号", i+1) || e.Index != i+1 || e.FirstPage != i+1 {
					t.Errorf("%s/%d: order %d: %+v", c.name, round, i, e)
				}
			}
			// The orders read are those of the same data as JSON.
			src, _ := Open(bytes.NewReader(good), Options{})
			o, err := src.Next()
			if err != nil || o.From != "2026-12-01" || o.To != "2026-12-07" || o.Date != "2026-11-26" || o.Content != "项目推进滞后，\n请加快。" {
				t.Errorf("%s/%d: first order %+v, %v", c.name, round, o, err)
			}
			bad := c.make(header, rows(5, true))
			rep, err = Check(ctx, bytes.NewReader(bad), Options{})
			if err != nil || len(rep.Invalid) != 1 || !rep.Invalid[2] {
				t.Fatalf("%s/%d: bad check %+v, %v", c.name, round, rep, err)
			}
			msg := rep.Problems[0].Message
			if !strings.HasPrefix(msg, c.where+" ") || !strings.Contains(msg, "列【结束日期】截止日期2026年11月1日早于开始日期") {
				t.Errorf("%s/%d: %q", c.name, round, msg)
			}
			if _, err := Print(ctx, &pdf, bytes.NewReader(bad), Options{}, rep, false); err == nil {
				t.Errorf("%s/%d: printed a batch with an invalid order", c.name, round)
			}
			man, err = Print(ctx, &bytes.Buffer{}, bytes.NewReader(bad), Options{SkipInvalid: true}, rep, true)
			if err != nil || man.Printed() != 4 || man.Orders[2].Index != 4 {
				t.Errorf("%s/%d: skip invalid: %v %+v", c.name, round, err, man)
			}
		}
	}
}

// A header with an unknown column, or without a required one, is refused
// naming them.
func TestSpreadsheetHeader(t *testing.T) {
	for _, c := range []struct{ header, want string }{
		{"编号,日期,督办单位,督办内容,工作要求,开始日期,结束日期,签发单位,备注", "【备注】"},
		{"编号,日期,督办单位,督办内容,工作要求,开始日期,签发单位", "结束日期"},
	} {
		_, err := Check(context.Background(), strings.NewReader(c.header+"\n"), Options{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.header, err)
		}
	}
}

// The templates read back as one valid order.
func TestTemplatesReadBack(t *testing.T) {
	o := &forms.Supervision{Number: "督办〔2026〕1号", Date: "2026-11-26", Target: "湘潭经开区管委会", Content: "内容，\n两行。",
		Requirements: "要求", From: "2026-12-01", To: "2026-12-07", Issuer: "市落地办", Seal: "specimen"}
	for _, as := range []string{"csv", "xlsx", "json"} {
		var buf bytes.Buffer
		if err := WriteTemplate(&buf, as, o); err != nil {
			t.Fatal(err)
		}
		src, err := Open(bytes.NewReader(buf.Bytes()), Options{})
		if err != nil {
			t.Fatalf("%s: %v", as, err)
		}
		got, err := src.Next()
		if err != nil {
			t.Fatalf("%s: %v", as, err)
		}
		want := *o
		want.IssueDate = o.Date
		if as == "json" {
			want.IssueDate = ""
		}
		if *got != want {
			t.Errorf("%s: %+v\nwant %+v", as, *got, want)
		}
	}
	if err := WriteTemplate(&bytes.Buffer{}, "ods", o); err == nil {
		t.Error("an unknown template format is accepted")
	}
}

// A DOCX batch is a zip of one document per order, named in input order.
func TestDocxZipNames(t *testing.T) {
	data := csvOf(t, shuffled(rand.New(rand.NewPCG(1, 1))), rows(3, false))
	var zip bytes.Buffer
	man, err := Print(context.Background(), &zip, bytes.NewReader(data), Options{Format: docgen.DOCX}, nil, true)
	if err != nil || man.Printed() != 3 || man.Orders[1].File != "0002-第2督办单位-督办〔2026〕2号.docx" {
		t.Fatalf("%v %+v", err, man)
	}
}

// A character no font has is found by Check, before anything is printed,
// and named by its place.
func TestCheckFindsUnprintable(t *testing.T) {
	rs := rows(4, false)
	rs[3]["督办单位"] = "湘潭😀经开区"
	data := csvOf(t, shuffled(rand.New(rand.NewPCG(2, 2))), rs)
	rep, err := Check(context.Background(), bytes.NewReader(data), Options{})
	if err != nil || len(rep.Invalid) != 1 || !rep.Invalid[3] || !strings.Contains(rep.Problems[0].Message, "列【督办单位】字符“😀”") {
		t.Fatalf("%+v %v", rep, err)
	}
	// For a DOCX (Word substitutes fonts) it is no problem.
	if rep, err := Check(context.Background(), bytes.NewReader(data), Options{Format: docgen.DOCX}); err != nil || len(rep.Invalid) != 0 {
		t.Errorf("docx: %+v %v", rep, err)
	}
}

// A batch is printed as PDF or DOCX only; XLSX is refused before reading.
func TestBatchRefusesXLSX(t *testing.T) {
	for _, call := range []func() error{
		func() error {
			_, err := Check(context.Background(), strings.NewReader("[]"), Options{Format: docgen.XLSX})
			return err
		},
		func() error {
			_, err := Print(context.Background(), io.Discard, strings.NewReader("[]"), Options{Format: docgen.XLSX}, nil, false)
			return err
		},
	} {
		var fe *FormatError
		if err := call(); !errors.As(err, &fe) || !strings.Contains(err.Error(), "xlsx") {
			t.Errorf("got %v, want a FormatError naming xlsx", err)
		}
	}
}
