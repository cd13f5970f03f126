package tabular

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestXLSXCellKinds(t *testing.T) {
	data := book(t, func(f *excelize.File) {
		set(t, f, "Sheet1", "A1",
			[]any{"市级重点招商项目签约情况表"},
			[]any{"文本", "数", "日期", "年月日", "中文内置", "日期时间", "时间", "布尔", "大数", "长号码", "小数"},
			[]any{"湘潭", 12.5, 46352, 46352, 46352, 46352.75, 0.5, true, 1.5e20, 13812345678, 0.1 + 0.2},
		)
		f.SetCellStyle("Sheet1", "C3", "C3", styled(t, f, 14, ""))
		f.SetCellStyle("Sheet1", "D3", "D3", styled(t, f, 0, `yyyy"年"m"月"d"日"`))
		f.SetCellStyle("Sheet1", "E3", "E3", styled(t, f, 31, ""))
		f.SetCellStyle("Sheet1", "F3", "F3", styled(t, f, 22, ""))
		f.SetCellStyle("Sheet1", "G3", "G3", styled(t, f, 21, ""))
		f.SetCellStyle("Sheet1", "K3", "K3", styled(t, f, 2, "")) // "0.00": not a date
	})
	rows := mustRead(t, data, Options{})
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	want := []Cell{
		{Kind: Text, Text: "湘潭", Raw: "湘潭"},
		{Kind: Number, Text: "12.5", Raw: "12.5"},
		{Kind: Date, Text: "2026-11-26", Raw: "46352"},
		{Kind: Date, Text: "2026-11-26", Raw: "46352"},
		{Kind: Date, Text: "2026-11-26", Raw: "46352"},
		{Kind: Date, Text: "2026-11-26 18:00:00", Raw: "46352.75"},
		{Kind: Time, Text: "12:00:00", Raw: "0.5"},
		{Kind: Bool, Text: "TRUE", Raw: "1"},
		{Kind: Number, Text: "150000000000000000000", Raw: "150000000000000000000"},
		{Kind: Number, Text: "13812345678", Raw: "13812345678"},
		{Kind: Number, Text: "0.3", Raw: "0.3"},
	}
	if got := rows[2].Cells; !reflect.DeepEqual(got, want) {
		t.Errorf("cells:\n got %+v\nwant %+v", got, want)
	}
	if rows[2].Where() != "Sheet1 第3行" || rows[2].WhereCell(10) != "Sheet1 第3行 K列" {
		t.Errorf("Where = %q, %q", rows[2].Where(), rows[2].WhereCell(10))
	}
}

// Numbers as other writers store them: exponents, 17 significant digits.
func TestXLSXBigNumbers(t *testing.T) {
	cells := []string{"1.5E+20", "0.30000000000000004", "12.499999999999998", "9.14303007170578E+17",
		"123456789012345678", "-1.0E-5", "+007.50", "1E+308", "abc"}
	var b strings.Builder
	for _, v := range cells {
		b.WriteString("<c><v>" + v + "</v></c>")
	}
	rows := mustRead(t, rawBook(t, map[string]string{"xl/worksheets/sheet1.xml": sheetXML("<row>"+b.String()+"</row>", "")}), Options{})
	want := []string{"150000000000000000000", "0.3", "12.5", "914303007170578000",
		"123456789012346000", "-0.00001", "7.5", "1" + strings.Repeat("0", 308), "abc"}
	for i, w := range want {
		c := rows[0].Cell(i)
		kind := Number
		if w == "abc" {
			kind = Text
		}
		if c.Text != w || c.Raw != cells[i] || c.Kind != kind {
			t.Errorf("%s: %v %q (raw %q), want %q", cells[i], c.Kind, c.Text, c.Raw, w)
		}
	}
	if rows[0].Line != 1 {
		t.Errorf("row without r: line %d", rows[0].Line)
	}
}

// 1904 date system: the same date is 1462 days less.
func TestXLSXDate1904(t *testing.T) {
	yes := true
	data := book(t, func(f *excelize.File) {
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
		set(t, f, "Sheet1", "A1", []any{46352 - 1462, 0})
		f.SetCellStyle("Sheet1", "A1", "B1", styled(t, f, 14, ""))
	})
	rows := mustRead(t, data, Options{})
	if got := texts(rows); !reflect.DeepEqual(got, [][]string{{"2026-11-26", "1904-01-01"}}) {
		t.Errorf("1904 dates = %q", got)
	}
}

// Formulas give their cached values, of every type; a formula without one
// is an empty cell marked Formula. Inline and rich-text strings, _xHHHH_
// escapes, gaps between cells, rows with only empty cells.
func TestXLSXRawParts(t *testing.T) {
	sst := `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">` +
		`<si><t>督办单位</t></si>` +
		`<si><r><rPr><b/></rPr><t xml:space="preserve">湘潭 </t></r><r><t>经开区</t></r><rPh sb="0" eb="1"><t>XIANG</t></rPh></si>` +
		`<si><t>a_x000D__x000A_b_x005F_x0041_</t></si></sst>`
	styles := `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<numFmts count="1"><numFmt numFmtId="164" formatCode="[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></numFmts>` +
		`<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="58"/></cellXfs></styleSheet>`
	sheet := sheetXML(
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="s"><v>2</v></c></row>`+
			`<row r="4" spans="1:3"><c r="A4" s="1"/><c r="B4" s="2"/></row>`+
			`<row r="7"><c r="A7"><f>B7*2</f><v>25</v></c><c r="B7" t="str"><f>A7&amp;"x"</f><v>25x</v></c>`+
			`<c r="C7" t="b"><f>TRUE()</f><v>1</v></c><c r="D7" t="e"><f>1/0</f><v>#DIV/0!</v></c>`+
			`<c r="E7"><f>A7</f></c><c r="F7" s="1"><f>TODAY()</f><v>46352</v></c>`+
			`<c r="G7" t="inlineStr"><is><t>行内</t></is></c><c r="H7" t="d"><v>2026-11-26T00:00:00</v></c>`+
			`<c r="I7" s="2"><v>46352</v></c><c t="n"><v>-0.0</v></c></row>`, "")
	data := rawBook(t, map[string]string{"xl/sharedStrings.xml": sst, "xl/styles.xml": styles, "xl/worksheets/sheet1.xml": sheet})
	rows := mustRead(t, data, Options{})
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2 (row 4 is blank)", len(rows))
	}
	if got := texts(rows[:1]); !reflect.DeepEqual(got, [][]string{{"督办单位", "", "湘潭 经开区", "a\r\nb_x0041_"}}) {
		t.Errorf("row 2 = %q", got)
	}
	r7 := rows[1]
	want := []Cell{
		{Kind: Number, Text: "25", Raw: "25", Formula: true},
		{Kind: Text, Text: "25x", Raw: "25x", Formula: true},
		{Kind: Bool, Text: "TRUE", Raw: "1", Formula: true},
		{Kind: ErrorValue, Text: "#DIV/0!", Raw: "#DIV/0!", Formula: true},
		{Formula: true},
		{Kind: Date, Text: "2026-11-26", Raw: "46352", Formula: true},
		{Kind: Text, Text: "行内", Raw: "行内"},
		{Kind: Date, Text: "2026-11-26", Raw: "2026-11-26T00:00:00"},
		{Kind: Date, Text: "2026-11-26", Raw: "46352"},
		{Kind: Number, Text: "0", Raw: "-0.0"},
	}
	if !reflect.DeepEqual(r7.Cells, want) || r7.Line != 7 {
		t.Errorf("row 7 (line %d):\n got %+v\nwant %+v", r7.Line, r7.Cells, want)
	}
}

func TestXLSXSheets(t *testing.T) {
	data := book(t, func(f *excelize.File) {
		set(t, f, "Sheet1", "A1", []any{"一"})
		f.NewSheet("汇总")
		set(t, f, "汇总", "B3", []any{"二"})
	})
	rows := mustRead(t, data, Options{Sheet: "汇总"})
	if len(rows) != 1 || rows[0].Cell(1).Text != "二" || rows[0].Where() != "汇总 第3行" {
		t.Errorf("sheet 汇总: %+v", rows)
	}
	if rows := mustRead(t, data, Options{}); rows[0].Cell(0).Text != "一" {
		t.Errorf("first sheet: %+v", rows)
	}
	_, err := Open(bytes.NewReader(data), Options{Sheet: "明细"})
	wantErr(t, err, ErrFormat, "没有名为“明细”的工作表", "Sheet1、汇总")
	r, err := Open(bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Sheets(); !reflect.DeepEqual(got, []string{"Sheet1", "汇总"}) || r.Sheet() != "Sheet1" || r.Format() != FormatXLSX {
		t.Errorf("Sheets = %q, Sheet = %q", got, r.Sheet())
	}
	if r.Encoding() != "" {
		t.Errorf("Encoding of xlsx = %q", r.Encoding())
	}
}

// A chart sheet before the data: the first worksheet is read; naming the
// chart sheet is an error.
func TestXLSXChartSheet(t *testing.T) {
	data := rawBook(t, map[string]string{
		"xl/workbook.xml": `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="false"/><sheets>` +
			`<sheet name="图表1" sheetId="2" r:id="rId9"/><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
	})
	rows := mustRead(t, data, Options{})
	if len(rows) != 1 || rows[0].Sheet != "数据" || rows[0].Cell(0).Text != "x" {
		t.Errorf("rows = %+v", rows)
	}
	_, err := Open(bytes.NewReader(data), Options{Sheet: "图表1"})
	wantErr(t, err, ErrFormat, "不是数据工作表")
}

func TestXLSXMerges(t *testing.T) {
	data := book(t, func(f *excelize.File) {
		set(t, f, "Sheet1", "A1", []any{"标题"}, []any{"序号", "项目投资方", "项目名称"},
			[]any{1, "甲公司", "一号项目"}, []any{nil, nil, "二号项目"}, []any{2, "乙公司", "三号项目"})
		for _, m := range [][2]string{{"A1", "C1"}, {"A3", "A4"}, {"B3", "B4"}} {
			if err := f.MergeCell("Sheet1", m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
	})
	r, err := Open(bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var got []string
	for _, g := range r.Merges() {
		got = append(got, g.String())
	}
	if strings.Join(got, " ") != "A1:C1 A3:A4 B3:B4" {
		t.Errorf("Merges = %v", got)
	}
	for _, c := range []struct {
		line, col int
		want      string
	}{{4, 1, "B3:B4"}, {3, 1, "B3:B4"}, {1, 2, "A1:C1"}, {4, 2, ""}, {5, 1, ""}, {2, 0, ""}} {
		g, ok := r.MergeAt(c.line, c.col)
		if ok != (c.want != "") || ok && g.String() != c.want {
			t.Errorf("MergeAt(%d, %d) = %v, %v; want %q", c.line, c.col, g, ok, c.want)
		}
	}
	if g := (Range{FirstRow: 3, LastRow: 4, FirstCol: 1, LastCol: 1}); !g.Contains(4, 1) || g.Contains(5, 1) || g.Contains(4, 0) {
		t.Error("Range.Contains")
	}
	var lines []int
	for row, err := range r.Rows() {
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, row.Line)
	}
	if !reflect.DeepEqual(lines, []int{1, 2, 3, 4, 5}) {
		t.Errorf("lines = %v", lines)
	}
}

// A prefixed namespace (x:) and merges found across the scan window's edge.
func TestXLSXMergesPrefixed(t *testing.T) {
	pad := strings.Repeat(`<x:row><x:c t="inlineStr"><x:is><x:t>mergeCells x:mergeCells</x:t></x:is></x:c></x:row>`, 3000)
	sheet := `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` + pad +
		`</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="B2:A1"/></x:mergeCells></x:worksheet>`
	r, err := Open(bytes.NewReader(rawBook(t, map[string]string{"xl/worksheets/sheet1.xml": sheet})), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if m := r.Merges(); len(m) != 1 || m[0].String() != "A1:B2" {
		t.Errorf("Merges = %v", m)
	}
	n := 0
	for row, err := range r.Rows() {
		if err != nil {
			t.Fatal(err)
		}
		if n++; row.Line != n || row.Cell(0).Text != "mergeCells x:mergeCells" {
			t.Fatalf("row %d: %+v", n, row)
		}
	}
	if n != 3000 {
		t.Errorf("%d rows", n)
	}
}

// Differential: what excelize reads raw from the same file is what Raw
// holds.
func TestXLSXAgainstExcelize(t *testing.T) {
	values := []any{"文本", 12.5, -3, 1e-7, 123456789012345678, true, false, "  空格  ", "多\n行", 46352, time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)}
	data := book(t, func(f *excelize.File) {
		for i := 1; i <= 20; i++ {
			row := make([]any, len(values))
			for j := range values {
				row[j] = values[(i+j)%len(values)]
			}
			set(t, f, "Sheet1", fmt.Sprintf("B%d", i*2), row)
		}
	})
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	raw, err := f.GetRows("Sheet1", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	rows := mustRead(t, data, Options{})
	var nonEmpty [][]string
	for _, r := range raw {
		if len(r) > 0 {
			nonEmpty = append(nonEmpty, r)
		}
	}
	if len(rows) != len(nonEmpty) {
		t.Fatalf("%d rows, excelize %d", len(rows), len(nonEmpty))
	}
	for i, r := range rows {
		for j, want := range nonEmpty[i] {
			c := r.Cell(j)
			got := c.Raw
			if c.Kind == Bool {
				got = map[string]string{"TRUE": "1", "FALSE": "0"}[c.Text]
			}
			if got != want {
				t.Errorf("%s: Raw %q, excelize %q", r.WhereCell(j), got, want)
			}
		}
	}
}
