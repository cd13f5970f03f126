package pdf

import (
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/docgen/pdf/internal/pdfw"
)

// Path is a vector shape placed on a page: a box's frame and fill, a
// connector's line or an arrow head.
type Path struct {
	Points []float64 // x0, y0, x1, y1, … from the page's top-left
	Closed bool
	Width  float64 // line width; 0: not stroked
	Dash   bool
	Fill   float64 // grey of the fill (0 black … 1 white)
	Filled bool
	// Shape names the drawing's box or connector it draws (layout.Box.Name).
	Shape string
}

// dashPattern is the dash of a dashed line: 3 pt on, 2 pt off.
var dashPattern = [...]float64{3, 2}

// drawing places a drawing in the flow, moving it to the next page when it
// does not fit on this one: its boxes (frame, fill, lines of text), then its
// connectors with their arrow heads.
func (f *flow) drawing(d *layout.Drawing) {
	if f.y > f.area.Y {
		f.y += float64(d.SpaceBefore)
	}
	if f.y+float64(d.Height) > f.bottom()+eps && f.y > f.area.Y {
		f.newPage()
	}
	pg := f.page
	x0 := f.area.X + float64(float64(f.area.W-float64(d.Width))/2)
	y0 := f.y
	at := func(p layout.Point) (float64, float64) { return x0 + float64(p.X), y0 + float64(p.Y) }
	for i := range d.Boxes {
		b := &d.Boxes[i]
		x, y, w, h := x0+float64(b.X), y0+float64(b.Y), float64(b.W), float64(b.H)
		p := Path{Points: []float64{x, y, x + w, y, x + w, y + h, x, y + h}, Closed: true,
			Width: float64(b.Stroke.Width), Dash: b.Stroke.Dash, Shape: b.Name}
		if b.Shade > 0 {
			p.Filled, p.Fill = true, 1-float64(min(b.Shade, 100))/100
		}
		pg.Paths = append(pg.Paths, p)
		f.boxText(b, x0, y0)
	}
	for i := range d.Connectors {
		c := &d.Connectors[i]
		tip, left, right, shaft, head := c.Head()
		p := Path{Width: float64(c.Stroke.Width), Dash: c.Stroke.Dash, Shape: c.Name}
		for _, pt := range shaft {
			x, y := at(pt)
			p.Points = append(p.Points, x, y)
		}
		pg.Paths = append(pg.Paths, p)
		if head {
			tx, ty := at(tip)
			lx, ly := at(left)
			rx, ry := at(right)
			pg.Paths = append(pg.Paths, Path{Points: []float64{tx, ty, lx, ly, rx, ry}, Closed: true, Filled: true, Shape: c.Name})
		}
	}
	f.y += float64(d.Height)
}

// boxText sets a box's lines in its box less its padding, centred
// vertically (or at the top).
func (f *flow) boxText(b *layout.Box, x0, y0 float64) {
	ix, iy, iw, ih := b.Inner()
	inner := Rect{X: x0 + float64(ix), Y: y0 + float64(iy), W: float64(iw), H: float64(ih)}
	// The lines stay within the padding at the sides; a glyph may reach
	// into it above and below (its ascent and descent exceed the leading).
	keep := Rect{X: inner.X, Y: y0 + float64(b.Y), W: inner.W, H: float64(b.H)}
	paras := make([]*para, len(b.Paragraphs))
	used := 0.0
	for k := range b.Paragraphs {
		paras[k] = f.sh.layoutPara(&b.Paragraphs[k], inner.W)
		used += paras[k].height()
	}
	y := inner.Y
	if b.VAlign == layout.VAlignMiddle {
		y += max(float64(float64(inner.H-used)/2), 0)
	}
	for _, pl := range paras {
		y += float64(pl.src.SpaceBefore)
		for i := range pl.lines {
			emitLine(f.page, pl, &pl.lines[i], inner.X, y, keep)
			y += pl.leading
		}
		if len(pl.lines) == 0 {
			y += pl.leading
		}
		y += float64(pl.src.SpaceAfter)
	}
}

// path draws a placed path.
func (d *drawer) path(p *pdfw.Page, s *Path) error {
	st := pdfw.PathStyle{LineWidth: s.Width, Filled: s.Filled, Fill: s.Fill}
	if s.Dash && s.Width > 0 {
		st.Dash = dashPattern[:]
	}
	return p.Path(s.Points, s.Closed, st)
}
