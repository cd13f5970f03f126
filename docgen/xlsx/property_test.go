package xlsx

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/docgen/layout/layouttest"
	"github.com/zsdoc/zsdoc/fonts"
)

// On generated tables (random widths, texts, spans, cells taller than a
// sheet row can be), every cell's text is in the sheet, whole and in order,
// in the top-left cell of a range merged exactly over the cell's span, and
// the rows it covers are tall enough for its lines.
func TestGeneratedTables(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	n := 300
	if testing.Short() {
		n = 60
	}
	ctx := context.Background()
	for seed := range n {
		g := layouttest.Generate(rand.New(rand.NewPCG(uint64(seed), 7)))
		doc := &layout.Document{Sections: []layout.Section{g.Section}}
		var buf bytes.Buffer
		if err := Render(ctx, &buf, doc, Options{Fonts: set}); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if err := checkGenerated(&buf, g, measurer{layout.NewMeasurer(set)}); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
}

func checkGenerated(buf *bytes.Buffer, g *layouttest.Table, m measurer) error {
	f, err := excelize.OpenReader(buf)
	if err != nil {
		return err
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		return err
	}
	mergeAt := map[string]string{}
	for _, mc := range merges {
		mergeAt[mc.GetStartAxis()] = mc.GetEndAxis()
	}
	// The sheet rows of the table's rows: each table row starts a run of
	// sheet rows whose first cell holds or continues its cells.
	grid, err := place(&g.Section, m)
	if err != nil {
		return err
	}
	rows := grid.tableRows[0] // table row → first sheet row (0-based), and the end
	for src, want := range g.Cells {
		top := rows[want.Row]
		ref, _ := excelize.CoordinatesToCellName(want.Col+1, top+1)
		got, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			return err
		}
		if strings.ReplaceAll(got, "\n", "") != want.Text {
			return fmt.Errorf("%s at %s: text %q, want %q", src, ref, got, want.Text)
		}
		end, merged := mergeAt[ref]
		bottom := rows[want.Row+want.Rows] - 1
		wantEnd, _ := excelize.CoordinatesToCellName(want.Col+want.Cols, bottom+1)
		switch {
		case merged && end != wantEnd:
			return fmt.Errorf("%s: merged %s:%s, want %s:%s", src, ref, end, ref, wantEnd)
		case !merged && wantEnd != ref:
			return fmt.Errorf("%s: not merged, want %s:%s", src, ref, wantEnd)
		}
		// The rows it covers hold its lines.
		var have layout.Length
		for r := top; r <= bottom; r++ {
			h, err := f.GetRowHeight(sheet, r+1)
			if err != nil {
				return err
			}
			if h > MaxRowHeight {
				return fmt.Errorf("%s: row %d is %.2f pt, more than a sheet row can be", src, r+1, h)
			}
			have += layout.Length(h)
		}
		var need layout.Length
		var width layout.Length
		for c := want.Col; c < want.Col+want.Cols; c++ {
			width += g.Table.Columns[c]
		}
		width -= g.Table.Padding.Left + g.Table.Padding.Right
		for _, p := range cellOf(g.Table, want).Paragraphs {
			need += layout.Length(m.paraLines(&p, width))*p.Leading() + p.SpaceBefore + p.SpaceAfter
		}
		need += g.Table.Padding.Top + g.Table.Padding.Bottom
		if have+0.5 < need {
			return fmt.Errorf("%s: rows %d–%d are %.1f pt, its text needs %.1f", src, top+1, bottom+1, have, need)
		}
	}
	return nil
}

// cellOf returns the layout cell a generated cell describes.
func cellOf(t *layout.Table, want layouttest.Cell) *layout.Cell {
	slots, _ := t.Grid()
	s := slots[want.Row][want.Col]
	return &t.Rows[s.Row].Cells[s.Cell]
}

// Text a spreadsheet cannot hold whole is an error naming its field, never
// a cut or corrupt file: a character XML cannot hold, a text longer than a
// cell's 32,767 characters.
func TestRefusesUnstorableText(t *testing.T) {
	src := layout.Field{Path: "rows[0].overview", Row: "第1行", Label: "项目基本情况"}
	for _, text := range []string{"a\x01b", "\uFFFE", strings.Repeat("项", maxCellText+1)} {
		doc := &layout.Document{Sections: []layout.Section{{Page: layout.Page{Size: layout.A4()}, Blocks: []layout.Block{
			&layout.Table{Columns: []layout.Length{200}, Rows: []layout.Row{{Cells: []layout.Cell{{Paragraphs: []layout.Paragraph{
				{Spans: []layout.Span{{Text: text, Source: src}}, Font: layout.Font{Size: 10}}}}}}}},
		}}}}
		err := Render(context.Background(), io.Discard, doc, Options{})
		if err == nil || !strings.Contains(err.Error(), "第1行【项目基本情况】") {
			t.Errorf("%.20q: got %v, want an error naming 第1行【项目基本情况】", text, err)
		}
	}
}

// One headed table's header rows repeat on every printed page; a sheet of
// several headed tables (the 汇总统计) repeats none rather than the first's.
func TestPrintTitles(t *testing.T) {
	table := func() *layout.Table {
		cell := func(s string) layout.Cell {
			return layout.Cell{Paragraphs: []layout.Paragraph{{Spans: []layout.Span{{Text: s}}, Font: layout.Font{Size: 10}}}}
		}
		return &layout.Table{Columns: []layout.Length{100, 100}, Rows: []layout.Row{
			{Header: true, Cells: []layout.Cell{cell("甲"), cell("乙")}}, {Cells: []layout.Cell{cell("1"), cell("2")}}}}
	}
	for n, want := range map[int]string{1: "'Sheet1'!$2:$2", 2: ""} {
		blocks := []layout.Block{&layout.Paragraph{Spans: []layout.Span{{Text: "标题"}}, Font: layout.Font{Size: 20}}}
		for range n {
			blocks = append(blocks, table())
		}
		doc := &layout.Document{Sections: []layout.Section{{Page: layout.Page{Size: layout.A4()}, Blocks: blocks}}}
		var buf bytes.Buffer
		if err := Render(context.Background(), &buf, doc, Options{}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, d := range f.GetDefinedName() {
			if d.Name == "_xlnm.Print_Titles" {
				got = d.RefersTo
			}
		}
		if got != want {
			t.Errorf("%d tables: print titles %q, want %q", n, got, want)
		}
	}
}
