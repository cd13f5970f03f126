package pdf

import (
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
)

// Rect is a box on a page: X, Y of its top-left corner from the page's
// top-left, in points.
type Rect struct{ X, Y, W, H float64 }

// Right returns the box's right edge.
func (r Rect) Right() float64 { return r.X + r.W }

// Bottom returns the box's bottom edge.
func (r Rect) Bottom() float64 { return r.Y + r.H }

// union returns the smallest box holding r and o (r may be empty).
func (r Rect) union(o Rect) Rect {
	if r.W == 0 && r.H == 0 && r.X == 0 && r.Y == 0 {
		return o
	}
	x0, y0 := min(r.X, o.X), min(r.Y, o.Y)
	x1, y1 := max(r.Right(), o.Right()), max(r.Bottom(), o.Bottom())
	return Rect{x0, y0, x1 - x0, y1 - y0}
}

// Text is a run of text in one face placed on a page.
type Text struct {
	X, Baseline float64 // start of the baseline
	Size        float64
	CharSpacing float64 // added after every character (justified lines)
	Width       float64 // advance width including character spacing
	Face        *fonts.Face
	Text        string
	GIDs        []uint16 // the glyph of each rune of Text in Face
	// Box is the box the text must stay inside: its cell's content box, or
	// the type area; a test checks every glyph against it.
	Box Rect
	// Source says which field the text came from (see layout.Span.Source).
	Source layout.Field
}

// Bounds returns the box of the run's glyphs: advance width by the face's
// ascent and descent.
func (t *Text) Bounds() Rect {
	top := t.Baseline - float64(t.Face.Ascent()*t.Size)
	return Rect{t.X, top, t.Width, (t.Face.Ascent() - t.Face.Descent()) * t.Size}
}

// Line is a stroked line segment (a cell border).
type Line struct {
	X1, Y1, X2, Y2 float64
	Width          float64
}

// Image is a picture placed on a page.
type Image struct {
	Box      Rect
	PNG      []byte
	Multiply bool
	Memo     layout.Memo // see layout.Image
}

// Cell is a table cell's box on a page (for tests: text must stay inside,
// cells must not overlap).
type Cell struct {
	Box    Rect
	Header bool // part of a (repeated) header row
}

// Page is one laid-out page: everything the backend draws on it.
type Page struct {
	Width, Height float64
	Number        int // page number within its section, from 1
	Texts         []Text
	Lines         []Line
	Cells         []Cell
	Images        []Image
	Paths         []Path // the shapes of drawings (shape.go)
	anchors       map[string]Rect
}

func (p *Page) anchor(name string, r Rect) {
	if p.anchors == nil {
		p.anchors = map[string]Rect{}
	}
	p.anchors[name] = p.anchors[name].union(r)
}

// baselineOffset is where the baseline of a line of glyphs (ascent asc,
// descent desc in em, at size) lies below the top of its line box of height
// leading: the glyph box centred in the line box. Products are rounded on
// their own (float64(…)) so that no platform fuses them into a
// multiply-add: layout must give the same bits on amd64, arm64 and loong64.
func baselineOffset(leading, size, asc, desc float64) float64 {
	half := float64(float64(leading-float64((asc-desc)*size)) / 2) // x/2 compiles to x*0.5: round it too
	return half + float64(asc*size)
}
