package pdf

import (
	"testing"

	"github.com/zsdoc/zsdoc/docgen/layout"
)

// testDrawing is two boxes joined by a dashed elbow arrow.
func testDrawing(h layout.Length) *layout.Drawing {
	box := func(name string, x, y layout.Length) layout.Box {
		return layout.Box{X: x, Y: y, W: 100, H: 40, Stroke: layout.Stroke{Width: 1}, Shade: 20, Name: name,
			Padding:    layout.Insets{Top: 3, Bottom: 3, Left: 4, Right: 4},
			Paragraphs: []layout.Paragraph{{Spans: []layout.Span{{Text: name, Source: layout.Field{Path: name}}}, Font: body, Align: layout.AlignCenter}}}
	}
	return &layout.Drawing{Width: 300, Height: h, SpaceBefore: 12,
		Boxes: []layout.Box{box("甲方框", 0, 0), box("乙方框", 200, h-40)},
		Connectors: []layout.Connector{{Points: []layout.Point{{X: 100, Y: 20}, {X: 150, Y: 20}, {X: 150, Y: h - 20}, {X: 200, Y: h - 20}},
			Stroke: layout.Stroke{Width: 0.75, Dash: true}, Arrow: true, ArrowSize: 5, Name: "甲 → 乙"}}}
}

// A drawing is centred in the type area under the text before it, its
// boxes framed, shaded and holding their text, its connector dashed with a
// filled head at its end; one that does not fit under the text moves to
// the next page whole.
func TestDrawingPlaced(t *testing.T) {
	pg := page()
	para := mkPara("前文", "before")
	for _, h := range []layout.Length{200, pg.ContentHeight() - 20} {
		d := testDrawing(h)
		pages := render(t, layout.Section{Page: pg, Blocks: []layout.Block{&para, d}},
			map[string]string{"甲方框": "甲方框", "乙方框": "乙方框", "before": "前文"})
		last := pages[len(pages)-1]
		want := 1
		if h > 300 {
			want = 2
		}
		if len(pages) != want {
			t.Fatalf("height %v: %d pages, want %d", h, len(pages), want)
		}
		x0 := 72 + (float64(pg.ContentWidth())-300)/2
		y0 := 72.0
		if want == 1 {
			y0 += float64(para.Leading()) + 12
		}
		var boxes, lines, heads int
		for _, p := range last.Paths {
			switch {
			case p.Closed && p.Filled && p.Width == 0:
				heads++
				if p.Points[0] != x0+200 || p.Points[1] != y0+float64(h)-20 {
					t.Errorf("head's tip at (%v, %v)", p.Points[0], p.Points[1])
				}
			case p.Closed:
				boxes++
				if !p.Filled || p.Fill != 0.8 || p.Width != 1 {
					t.Errorf("box %q: fill %v %v, line %v", p.Shape, p.Filled, p.Fill, p.Width)
				}
				if p.Shape == "甲方框" && (p.Points[0] != x0 || p.Points[1] != y0) {
					t.Errorf("box at (%v, %v), want (%v, %v)", p.Points[0], p.Points[1], x0, y0)
				}
			default:
				lines++
				if !p.Dash || len(p.Points) != 8 || p.Points[6] != x0+195 {
					t.Errorf("connector %+v: not dashed, or its end not moved back to the head's base", p)
				}
			}
		}
		if boxes != 2 || lines != 1 || heads != 1 {
			t.Errorf("%d boxes, %d lines, %d heads", boxes, lines, heads)
		}
	}
}
