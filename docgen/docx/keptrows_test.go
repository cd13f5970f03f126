package docx

import (
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
)

// As the PDF does, a first row that does not fit under what precedes the
// table is left splittable (not cantSplit) when half a page or more is left
// there, so Word and LibreOffice start the table on that page; with less
// left it stays whole and moves to the next page with the header.
func TestKeptRowsFirstRow(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	m := layout.NewMeasurer(set)
	font := layout.Font{Role: layout.RoleBody, Size: 10.5}
	cell := func(s string) layout.Cell {
		return layout.Cell{Paragraphs: []layout.Paragraph{{Spans: []layout.Span{{Text: s}}, Font: font}}}
	}
	tb := &layout.Table{Columns: []layout.Length{100, 351}, KeepRows: true,
		Rows: []layout.Row{
			{Header: true, Cells: []layout.Cell{cell("表头一"), cell("表头二")}},
			{Cells: []layout.Cell{cell("甲"), cell(strings.Repeat("很长的单元格内容，", 160))}},
			{Cells: []layout.Cell{cell("乙"), cell("短")}},
		}}
	grid, err := tb.Grid()
	if err != nil {
		t.Fatal(err)
	}
	const pageH = 698
	for _, c := range []struct {
		above     layout.Length
		splitable bool
	}{{0, false}, {150, true}, {500, false}, {-1, false}} { // -1: where the table starts is not known
		tall, _ := keptRows(m, tb, grid, pageH, c.above)
		if tall[1] != c.splitable {
			t.Errorf("%v pt above the table: first row splittable %v, want %v", c.above, tall[1], c.splitable)
		}
		if tall[2] {
			t.Errorf("%v pt above the table: a short row is not kept whole", c.above)
		}
	}
}
