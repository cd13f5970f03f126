package tabular

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// fuzzOpts are small bounds, so that the fuzzer reaches them.
var fuzzOpts = Options{MaxColumns: 16, MaxCellBytes: 64, MaxRowBytes: 512, MaxRows: 200, MaxMerges: 20, MaxPartBytes: 1 << 20}

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$`)

// checkRead reads data and checks what any reading must keep: no panic,
// errors of this package's types, rows within the bounds.
func checkRead(t *testing.T, data []byte, opts Options) ([]Row, error) {
	r, err := Open(bytes.NewReader(data), opts)
	if err != nil {
		checkError(t, err)
		return nil, err
	}
	defer r.Close()
	var rows []Row
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			checkError(t, err)
			return rows, err
		}
		if len(rows) > 0 && row.Line <= rows[len(rows)-1].Line || row.Line < 1 {
			t.Fatalf("line %d after %d", row.Line, len(rows))
		}
		if len(row.Cells) > opts.MaxColumns || row.IsBlank() || len(rows) >= opts.MaxRows {
			t.Fatalf("row %d: %d cells, blank %v, %d rows", row.Line, len(row.Cells), row.IsBlank(), len(rows))
		}
		if (r.Format() == FormatXLSX) != (row.Sheet != "") {
			t.Fatalf("row sheet %q in %v", row.Sheet, r.Format())
		}
		for i, c := range row.Cells {
			if len(c.Text) > opts.MaxCellBytes || !utf8.ValidString(c.Text) && r.Format() == FormatCSV {
				t.Fatalf("%s: %d bytes, valid %v", row.WhereCell(i), len(c.Text), utf8.ValidString(c.Text))
			}
			if (c.Kind == Empty) != (c.Text == "") {
				t.Fatalf("%s: kind %v with %q", row.WhereCell(i), c.Kind, c.Text)
			}
			if c.Kind == Number {
				if _, ok := numberText(c.Text); !ok {
					t.Fatalf("%s: number %q", row.WhereCell(i), c.Text)
				}
			}
			if c.Kind == Date && !isoDate.MatchString(c.Text) {
				t.Fatalf("%s: date %q", row.WhereCell(i), c.Text)
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func checkError(t *testing.T, err error) {
	var e *Error
	var he *HeaderError
	switch {
	case errors.Is(err, ErrInternal):
		t.Fatalf("panic: %v", err)
	case errors.As(err, &he):
	case !errors.As(err, &e):
		t.Fatalf("error of type %T: %v", err, err)
	}
}

func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		sample, "a,b\n\"c\nd\",e\r\n", "\xEF\xBB\xBF编号,日期\n1,2026-11-26\n", "x,\"y\"\"z\",\n,,\n\n3",
		"a\"b,c\n", "\"open\n", "\xFF\xFEa\x00", "[1]", "a,\xC3(\n",
	} {
		f.Add([]byte(s), false)
	}
	f.Add(gb(f, sample), false)
	f.Add(gb(f, "标题\n编号,督办单位\n1,\"多\n行\"\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, lazy bool) {
		opts := fuzzOpts
		opts.LazyQuotes = lazy
		opts.Format = FormatCSV
		rows, err := checkRead(t, data, opts)
		if r, err := Open(bytes.NewReader(data), opts); err == nil {
			if _, err := orders.ReadHeader(r); err != nil {
				checkError(t, err)
			}
		}
		if err != nil || !utf8.Valid(data) || bytes.HasPrefix(data, bomUTF8) {
			return
		}
		// Differential: what encoding/csv reads, blank records left out.
		cr := csv.NewReader(bytes.NewReader(data))
		cr.FieldsPerRecord, cr.LazyQuotes = -1, lazy
		var want [][]string
		for {
			rec, err := cr.Read()
			if err != nil {
				if err != io.EOF {
					t.Fatalf("encoding/csv fails (%v) where we read %d rows", err, len(rows))
				}
				break
			}
			for len(rec) > 0 && rec[len(rec)-1] == "" {
				rec = rec[:len(rec)-1]
			}
			if len(rec) > 0 {
				want = append(want, rec)
			}
		}
		got := texts(rows)
		if len(got) != len(want) {
			t.Fatalf("%d rows, encoding/csv %d", len(got), len(want))
		}
		for i := range got {
			if len(got[i]) != len(want[i]) {
				t.Fatalf("row %d: %q, encoding/csv %q", i, got[i], want[i])
			}
			for j := range got[i] {
				if got[i][j] != want[i][j] {
					t.Fatalf("row %d: %q, encoding/csv %q", i, got[i], want[i])
				}
			}
		}
	})
}

func xlsxSeeds(f *testing.F) [][]byte {
	yes := true
	return [][]byte{
		book(f, func(x *excelize.File) {
			set(f, x, "Sheet1", "A1", []any{"标题"}, []any{"编号", "日期", "金额", "是否"}, []any{"督办〔2026〕1号", 46352, 12.5, true})
			x.SetCellStyle("Sheet1", "B3", "B3", styled(f, x, 14, ""))
			x.MergeCell("Sheet1", "A1", "D1")
		}),
		book(f, func(x *excelize.File) {
			x.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes})
			set(f, x, "Sheet1", "C5", []any{44890.5, "多\n行", -1e-9})
			x.SetCellStyle("Sheet1", "C5", "C5", styled(f, x, 0, `yyyy"年"m"月"d"日" h:mm`))
		}),
		rawBook(f, map[string]string{"xl/worksheets/sheet1.xml": sheetXML(
			`<row r="2"><c r="A2" t="inlineStr"><is><r><t>a</t></r><rPh><t>b</t></rPh></is></c><c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>`,
			`<mergeCells><mergeCell ref="A2:A3"/></mergeCells>`)}),
	}
}

func FuzzXLSX(f *testing.F) {
	for _, seed := range xlsxSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := fuzzOpts
		opts.Format = FormatXLSX
		checkRead(t, data, opts)
	})
}

// FuzzParts fuzzes the XML of the parts inside a well-formed zip, which
// byte-level mutation of a compressed file rarely reaches.
func FuzzParts(f *testing.F) {
	f.Add(sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" s="1"><v>46352.25</v></c><c t="b"><v>1</v></c></row>`+
		`<row r="3"><c t="inlineStr"><is><t>x_x000D_y</t></is></c><c t="d"><v>2026-11-26T10:00:00</v></c><c><f>A1</f></c></row>`,
		`<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>`),
		`<sst><si><t>督办单位</t></si><si><r><t>a</t></r><r><t>b</t></r></si></sst>`,
		`<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy/m/d;@"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>`,
		`<workbook><workbookPr date1904="1"/><sheets><sheet name="表" r:id="rId1" xmlns:r="r"/></sheets></workbook>`)
	f.Fuzz(func(t *testing.T, sheet, sst, styles, workbook string) {
		data := rawBook(t, map[string]string{"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": sst,
			"xl/styles.xml": styles, "xl/workbook.xml": workbook})
		checkRead(t, data, fuzzOpts)
	})
}
