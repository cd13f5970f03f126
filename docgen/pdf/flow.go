package pdf

import (
	"errors"

	"github.com/zsdoc/zsdoc/docgen/layout"
)

var errHeaderSpan = errors.New("pdf: a header row's cell spans several rows")

const eps = 1e-6

// flow lays a section's blocks out on pages.
type flow struct {
	sh    *shaper
	sec   *layout.Section
	pages []*Page
	page  *Page
	y     float64 // top of the free space on the page
	area  Rect    // the type area
}

func newFlow(sh *shaper, sec *layout.Section) *flow {
	p := sec.Page
	f := &flow{sh: sh, sec: sec, area: Rect{
		X: float64(p.Margins.Left), Y: float64(p.Margins.Top),
		W: float64(p.ContentWidth()), H: float64(p.ContentHeight())}}
	f.newPage()
	return f
}

func (f *flow) newPage() {
	w, h := f.sec.Page.Width(), f.sec.Page.Height()
	f.page = &Page{Width: float64(w), Height: float64(h), Number: len(f.pages) + 1}
	f.pages = append(f.pages, f.page)
	f.y = f.area.Y
}

func (f *flow) bottom() float64 { return f.area.Bottom() }

// paragraph places a paragraph of the flow, moving lines that do not fit to
// the next page.
func (f *flow) paragraph(p *layout.Paragraph) {
	pl := f.sh.layoutPara(p, f.area.W)
	if f.y > f.area.Y {
		f.y += float64(p.SpaceBefore)
	}
	place := func(line *textLine) {
		if f.y+pl.leading > f.bottom()+eps && f.y > f.area.Y {
			f.newPage()
		}
		if line != nil {
			emitLine(f.page, pl, line, f.area.X, f.y, f.area)
		}
		f.y += pl.leading
	}
	if len(pl.lines) == 0 {
		place(nil)
	}
	for i := range pl.lines {
		place(&pl.lines[i])
	}
	f.y += float64(p.SpaceAfter)
}

// drawCell draws a cell's box and its lines [from, to). top-aligned drawing
// is used for pieces of split cells.
func (f *flow) drawCell(m *measuredTable, cb *cellBox, box Rect, from, to int, valign layout.VAlign, header bool) {
	t := m.t
	pg := f.page
	pg.Cells = append(pg.Cells, Cell{Box: box, Header: header})
	if t.Border > 0 {
		bw := float64(t.Border)
		x0, y0, x1, y1 := box.X, box.Y, box.Right(), box.Bottom()
		pg.Lines = append(pg.Lines,
			Line{x0, y0, x1, y0, bw}, Line{x0, y1, x1, y1, bw},
			Line{x0, y0, x0, y1, bw}, Line{x1, y0, x1, y1, bw})
	}
	content := Rect{X: box.X + float64(t.Padding.Left), Y: box.Y + float64(t.Padding.Top),
		W: box.W - float64(t.Padding.Left+t.Padding.Right), H: box.H - m.padV}
	if from >= to {
		return
	}
	used := cb.linesHeight(from, to)
	off := 0.0
	switch valign {
	case layout.VAlignMiddle:
		off = (content.H - used) / 2
	case layout.VAlignBottom:
		off = content.H - used
	}
	off = max(off, 0)
	base := cb.lineTop(from)
	for k := from; k < to; k++ {
		cl := cb.lines[k]
		if cl.line != nil {
			emitLine(pg, cl.p, cl.line, content.X, content.Y+off+cl.y-base, content)
		}
	}
}
