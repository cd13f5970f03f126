package pdf

import (
	"context"
	"errors"
	"fmt"

	"github.com/zsdoc/zsdoc/docgen/layout"
)

// MaxPages is the most pages one section (a form, or one 督办单 of a
// batch) may have: it bounds the work and memory of any input (about 0.6 GB
// at the limit, most of it the decoded input: a section is laid out whole
// before it is written). A
// section that would need more is refused with a *PagesError as soon as its
// page MaxPages+1 would begin. Sections are written one at a time, so a
// document of many sections needs no more memory than its largest.
const MaxPages = 5000

// PagesError says that a section needs more than MaxPages pages.
type PagesError struct{ Pages int }

func (e *PagesError) Error() string {
	return fmt.Sprintf("生成的文档超过 %d 页，不予生成：请精简内容或分批提交", e.Pages)
}

var (
	errHeaderSpan = errors.New("pdf: a header row's cell spans several rows")
	errTooTall    = errors.New("pdf: a line of a table cell does not fit on a whole page")
	// errHeaderTooTall: header rows repeated on every page must leave room
	// for the body; more than half the type area is a composer's mistake.
	errHeaderTooTall = errors.New("pdf: a table's header rows are taller than half the type area")
)

const eps = 1e-6

// flow lays a section's blocks out on pages.
type flow struct {
	ctx   context.Context
	err   error // the context's error, or too many pages, noticed on a new page: stop laying out
	sh    *shaper
	sec   *layout.Section
	pages []*Page
	page  *Page
	y     float64 // top of the free space on the page
	area  Rect    // the type area
}

func newFlow(ctx context.Context, sh *shaper, sec *layout.Section) *flow {
	p := sec.Page
	f := &flow{ctx: ctx, sh: sh, sec: sec, area: Rect{
		X: float64(p.Margins.Left), Y: float64(p.Margins.Top),
		W: float64(p.ContentWidth()), H: float64(p.ContentHeight())}}
	f.newPage()
	return f
}

// newPage starts a page; it notes a cancelled context in f.err, which the
// loops that make pages check.
func (f *flow) newPage() {
	if f.err == nil {
		f.err = f.ctx.Err()
	}
	if f.err == nil && len(f.pages) >= MaxPages {
		f.err = &PagesError{Pages: MaxPages}
	}
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
		if f.err != nil {
			return
		}
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
