package pdf

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
)

var body = layout.Font{Role: layout.RoleBody, Size: 10.5}

func mkPara(text, source string) layout.Paragraph {
	return layout.Paragraph{Spans: []layout.Span{{Text: text, Source: layout.Field{Path: source}}}, Font: body}
}

func cell(text, source string) layout.Cell {
	return layout.Cell{Paragraphs: []layout.Paragraph{mkPara(text, source)}}
}

func page() layout.Page {
	return layout.Page{Size: layout.A4(), Margins: layout.Insets{Top: 72, Bottom: 72, Left: 72, Right: 72}}
}

// render lays a section out and checks what every layout must hold: all
// text of every source placed, glyphs inside their boxes and inside the
// type area (page numbers aside), no page with a header and nothing under it.
func render(t *testing.T, sec layout.Section, want map[string]string) []*Page {
	t.Helper()
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	pages, err := Layout(context.Background(), &layout.Document{Sections: []layout.Section{sec}}, set)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	area := Rect{X: 72, Y: 72, W: float64(sec.Page.ContentWidth()), H: float64(sec.Page.ContentHeight())}
	for pi, pg := range pages {
		headers, bodies := 0, 0
		for _, c := range pg.Cells {
			if c.Header {
				headers++
			} else {
				bodies++
			}
			if c.Box.Bottom() > area.Bottom()+0.01 || c.Box.Y < area.Y-0.01 {
				t.Errorf("page %d: cell %+v outside the type area", pi+1, c.Box)
			}
		}
		if headers > 0 && bodies == 0 {
			t.Errorf("page %d has a table header and no rows", pi+1)
		}
		for _, tx := range pg.Texts {
			b := tx.Bounds()
			if b.X < tx.Box.X-0.01 || b.Right() > tx.Box.Right()+0.01 || b.Y < tx.Box.Y-0.01 || b.Bottom() > tx.Box.Bottom()+0.01 {
				t.Errorf("page %d: %q outside its box", pi+1, tx.Text)
			}
			got[tx.Source.Path] += tx.Text
		}
	}
	for src, w := range want {
		if !strings.Contains(strings.ReplaceAll(got[src], " ", ""), strings.ReplaceAll(w, " ", "")) {
			t.Errorf("%s: placed %q, want it to contain %q", src, got[src], w)
		}
	}
	return pages
}

// A table whose first row does not fit under the text above it starts on
// the next page, header and all.
func TestTableStartsOnNextPage(t *testing.T) {
	var blocks []layout.Block
	for i := 0; i < 40; i++ {
		p := mkPara(fmt.Sprintf("第%d段文字。", i), "p")
		blocks = append(blocks, &p)
	}
	long := strings.Repeat("很长的单元格内容，", 40)
	tb := &layout.Table{Columns: []layout.Length{100, 351}, KeepRows: true, Border: 0.5,
		Padding: layout.Insets{Top: 2, Bottom: 2, Left: 4, Right: 4},
		Rows: []layout.Row{
			{Header: true, Cells: []layout.Cell{cell("表头一", ""), cell("表头二", "")}},
			{Cells: []layout.Cell{cell("甲", "a"), cell(long, "b")}},
		}}
	blocks = append(blocks, tb)
	pages := render(t, layout.Section{Page: page(), Blocks: blocks}, map[string]string{"b": long})
	if len(pages) != 2 {
		t.Errorf("want 2 pages, got %d", len(pages))
	}
}

// A table whose first row does not fit under a short heading, with more
// than half the page left, starts on the first page all the same, its first
// row split (moving it would leave a page with the heading alone).
func TestTableStartsUnderShortHeading(t *testing.T) {
	var blocks []layout.Block
	for i := 0; i < 12; i++ { // about a quarter of the page
		p := mkPara(fmt.Sprintf("第%d段文字。", i), "p")
		blocks = append(blocks, &p)
	}
	long := strings.Repeat("很长的单元格内容，", 160) // most of a page in its column
	tb := &layout.Table{Columns: []layout.Length{100, 351}, KeepRows: true, Border: 0.5,
		Padding: layout.Insets{Top: 2, Bottom: 2, Left: 4, Right: 4},
		Rows: []layout.Row{
			{Header: true, Cells: []layout.Cell{cell("表头一", ""), cell("表头二", "")}},
			{Cells: []layout.Cell{cell("甲", "a"), cell(long, "b")}},
		}}
	blocks = append(blocks, tb)
	pages := render(t, layout.Section{Page: page(), Blocks: blocks}, map[string]string{"b": long})
	if len(pages) != 2 {
		t.Fatalf("want 2 pages, got %d", len(pages))
	}
	first := ""
	for _, tx := range pages[0].Texts {
		if tx.Source.Path == "b" {
			first += tx.Text
		}
	}
	if first == "" {
		t.Error("the first page holds the heading alone: the first row moved to page 2")
	}
}

// Rows taller than a page are split between lines; a table without
// KeepRows splits a row at the foot of the page.
func TestRowsSplit(t *testing.T) {
	huge := strings.Repeat("督办内容需要分页显示的长文本，不能丢字。", 200)
	for _, keep := range []bool{true, false} {
		tb := &layout.Table{Columns: []layout.Length{80, 371}, KeepRows: keep, Border: 0.5,
			Padding: layout.Insets{Top: 2, Bottom: 2, Left: 4, Right: 4},
			Rows: []layout.Row{
				{Header: true, Cells: []layout.Cell{cell("标签", ""), cell("内容", "")}},
				{Cells: []layout.Cell{cell("短", "s1"), cell(strings.Repeat("第一行。", 30), "s2")}},
				{Cells: []layout.Cell{cell("长", "l1"), cell(huge, "l2")}},
				{Cells: []layout.Cell{cell("尾", "e1"), cell("最后一行", "e2")}},
			}}
		p := mkPara("标题", "t")
		pages := render(t, layout.Section{Page: page(), Blocks: []layout.Block{&p, tb}},
			map[string]string{"l2": huge, "e2": "最后一行", "s2": strings.Repeat("第一行。", 30)})
		if len(pages) < 3 {
			t.Errorf("keep=%v: %d pages for a row longer than two pages", keep, len(pages))
		}
	}
}

// A cell spanning rows across a page break shows its text on every page
// it crosses, or continues it when a page's part is too short to hold it.
func TestRowSpanAcrossPages(t *testing.T) {
	for _, name := range []string{"华东新能源科技集团", strings.Repeat("名称很长的投资方", 12)} {
		rows := []layout.Row{{Header: true, Cells: []layout.Cell{cell("投资方", ""), cell("项目", "")}}}
		span := cell(name, "inv")
		span.RowSpan = 30
		for i := 0; i < 30; i++ {
			r := layout.Row{Cells: []layout.Cell{cell(strings.Repeat(fmt.Sprintf("项目%d的情况。", i), 12), fmt.Sprintf("p%d", i))}}
			if i == 0 {
				r.Cells = append([]layout.Cell{span}, r.Cells...)
			}
			rows = append(rows, r)
		}
		tb := &layout.Table{Columns: []layout.Length{60, 391}, KeepRows: true, Border: 0.5,
			Padding: layout.Insets{Top: 2, Bottom: 2, Left: 4, Right: 4}, Rows: rows}
		pages := render(t, layout.Section{Page: page(), Blocks: []layout.Block{tb}}, map[string]string{"inv": name})
		if len(pages) < 2 {
			t.Fatalf("want the span to cross pages, got %d page", len(pages))
		}
		for i, pg := range pages {
			found := false
			for _, tx := range pg.Texts {
				found = found || tx.Source.Path == "inv"
			}
			if !found {
				t.Errorf("%q: page %d lacks the spanning cell's text", name[:9], i+1)
			}
		}
	}
}

// Wherever the text above leaves the table to start — with room for the
// header and a line, for the header alone, or for nothing — no page ends
// with a header and no row under it, and nothing is lost.
func TestTableStartAnywhere(t *testing.T) {
	huge := strings.Repeat("一个比整页还高的单元格，", 300)
	for n := 30; n <= 52; n++ {
		var blocks []layout.Block
		for i := 0; i < n; i++ {
			p := mkPara("正文", "p")
			blocks = append(blocks, &p)
		}
		for _, keep := range []bool{true, false} {
			tb := &layout.Table{Columns: []layout.Length{80, 371}, KeepRows: keep, Border: 0.5,
				Padding: layout.Insets{Top: 2, Bottom: 2, Left: 4, Right: 4},
				Rows: []layout.Row{
					{Header: true, Cells: []layout.Cell{cell("标签", ""), cell("内容", "")}},
					{Cells: []layout.Cell{cell("长", "l1"), cell(huge, "l2")}},
				}}
			render(t, layout.Section{Page: page(), Blocks: append(blocks, tb)}, map[string]string{"l2": huge})
		}
	}
}

// A merged cell taller than the rows it spans — and taller than a page —
// keeps producing pages until all its lines are placed, wherever the table
// starts (review: a 60-line merged cell lost 8 lines, 150 lines lost 98).
func TestMergedCellTallerThanItsRows(t *testing.T) {
	for _, lines := range []int{50, 60, 150} {
		var parts []string
		for i := range lines {
			parts = append(parts, fmt.Sprintf("第%d行", i+1))
		}
		var ps []layout.Paragraph
		for _, p := range parts {
			ps = append(ps, mkPara(p, "inv"))
		}
		for before := range 14 {
			tb := &layout.Table{Columns: []layout.Length{120, 200}, Padding: layout.Insets{Top: 2, Bottom: 2, Left: 3, Right: 3},
				Border: 0.5, KeepRows: true, Rows: []layout.Row{{Header: true, Cells: []layout.Cell{cell("投资方", "h1"), cell("项目", "h2")}}}}
			for i := range before {
				tb.Rows = append(tb.Rows, layout.Row{Cells: []layout.Cell{cell("其他", fmt.Sprintf("o%d", i)), cell(strings.Repeat("短", 30), fmt.Sprintf("p%d", i))}})
			}
			merged := layout.Cell{Paragraphs: ps, RowSpan: 2}
			tb.Rows = append(tb.Rows,
				layout.Row{Cells: []layout.Cell{merged, cell("项目一", "a")}},
				layout.Row{Cells: []layout.Cell{cell("项目二", "b")}})
			pages := render(t, layout.Section{Page: page(), Blocks: []layout.Block{tb}}, nil)
			var got strings.Builder
			for _, pg := range pages {
				for _, tx := range pg.Texts {
					if tx.Source.Path == "inv" {
						got.WriteString(tx.Text)
					}
				}
			}
			if s, want := got.String(), strings.Join(parts, ""); !strings.Contains(s, want) && s != want {
				t.Fatalf("%d lines after %d rows: placed %d of %d characters", lines, before, len([]rune(s)), len([]rune(want)))
			}
		}
	}
}
