// Package pdf renders a layout.Document as PDF with its own writer: it
// breaks text into lines (any CJK character, Latin words kept whole, no
// closing punctuation at a line's start nor opening punctuation at its
// end), sizes table rows, cuts pages with the header rows repeated, draws
// rows that span several rows again on every page they cross, numbers the
// pages and stamps anchored images (the seal) like ink.
//
// Every character is drawn with a font that has it: the role's font, else
// a fallback of the fonts.Set; a character no font has is an error naming
// it and its field (GlyphErrors), never a blank.
package pdf

import (
	"context"
	"fmt"
	"runtime/debug"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
)

// Layout lays the document out and returns its pages without drawing them:
// what Render draws, for tests and tools that check where text went.
func Layout(ctx context.Context, doc *layout.Document, set *fonts.Set) (pages []*Page, err error) {
	defer recoverPanic(&err)
	sh := &shaper{set: set}
	var all []*Page
	for i := range doc.Sections {
		pages, err := layoutSection(ctx, sh, &doc.Sections[i])
		if err != nil {
			return nil, err
		}
		all = append(all, pages...)
	}
	if sh.err != nil {
		return nil, sh.err
	}
	if len(sh.missing) > 0 {
		return nil, sh.missing
	}
	return all, nil
}

// layoutSection lays a section out, checking ctx on every new page.
func layoutSection(ctx context.Context, sh *shaper, sec *layout.Section) ([]*Page, error) {
	f := newFlow(ctx, sh, sec)
	for _, b := range sec.Blocks {
		if f.err != nil {
			return nil, f.err
		}
		switch b := b.(type) {
		case *layout.Paragraph:
			f.paragraph(b)
		case *layout.Table:
			if err := f.table(b); err != nil {
				return nil, err
			}
		case *layout.Drawing:
			f.drawing(b)
		default:
			return nil, fmt.Errorf("pdf: unknown block %T", b)
		}
	}
	if f.err != nil {
		return nil, f.err
	}
	if sec.PageNumbers != nil {
		for _, pg := range f.pages {
			f.pageNumber(pg, sec.PageNumbers)
		}
	}
	for _, img := range sec.Images {
		f.stamp(img)
	}
	return f.pages, nil
}

// pageNumber prints "— N —" below the type area, its baseline Distance
// below it: odd pages at the right, even pages at the left, Indent in from
// the edge.
func (f *flow) pageNumber(pg *Page, pn *layout.PageNumbers) {
	para := &layout.Paragraph{Spans: []layout.Span{{Text: fmt.Sprintf(pn.Format, pg.Number)}}, Font: pn.Font,
		LineHeight: pn.Font.Size, Align: layout.AlignRight}
	indent := float64(pn.Indent)
	w := f.area.W - indent
	x := f.area.X
	if pg.Number%2 == 0 {
		para.Align = layout.AlignLeft
		x += indent
	}
	pl := f.sh.layoutPara(para, w)
	for i := range pl.lines {
		if len(pl.lines[i].pieces) == 0 {
			continue
		}
		// emitLine centres the glyphs in the line: find the top that puts
		// the baseline where it belongs.
		face := pl.lines[i].pieces[0].face
		asc, desc := face.Ascent(), face.Descent()
		baselineOff := baselineOffset(pl.leading, pl.size, asc, desc)
		top := f.area.Bottom() + float64(pn.Distance) - baselineOff + float64(float64(i)*pl.leading)
		box := Rect{X: x, Y: top, W: w, H: pl.leading * float64(len(pl.lines))}
		emitLine(pg, pl, &pl.lines[i], x, top, box)
	}
}

// stamp places an image centred on its anchor's box (on the first page
// where the anchor is), moved by its offset. An image whose anchor is
// nowhere is not placed.
func (f *flow) stamp(img layout.Image) {
	for _, pg := range f.pages {
		a, ok := pg.anchors[img.Anchor]
		if !ok {
			continue
		}
		cx := a.X + float64(a.W/2) + float64(img.OffsetX)
		cy := a.Y + float64(a.H/2) + float64(img.OffsetY)
		w, h := float64(img.Width), float64(img.Height)
		box := Rect{cx - float64(w/2), cy - float64(h/2), w, h}
		if b, ok := pg.anchors[img.Below]; ok && img.Below != "" && box.Y < b.Bottom() {
			box.Y = b.Bottom() // not over the text it must not touch
		}
		pg.Images = append(pg.Images, Image{Box: box, PNG: img.PNG, Multiply: img.Multiply, Memo: img.Memo})
		return
	}
}

// PanicError is a defect of zsdoc (or of a file it was given, such as a
// font, that slipped past the checks) caught at the backend's boundary:
// rendering fails with this error instead of crashing the process.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("PDF 生成时发生内部错误：%v", e.Value)
}

// recoverPanic turns a panic into a *PanicError in *err.
func recoverPanic(err *error) {
	if v := recover(); v != nil {
		*err = &PanicError{Value: v, Stack: debug.Stack()}
	}
}

// Measure lays the document out section by section, as Render does, and
// returns its page count or the error Render would meet (a *PagesError, a
// missing glyph, a cancelled context); it keeps no pages, so it needs the
// memory of one section, not of the document.
func Measure(ctx context.Context, doc *layout.Document, set *fonts.Set) (pages int, err error) {
	defer recoverPanic(&err)
	sh := &shaper{set: set}
	for i := range doc.Sections {
		laid, err := layoutSection(ctx, sh, &doc.Sections[i])
		if err != nil {
			return 0, err
		}
		pages += len(laid)
	}
	if sh.err != nil {
		return 0, sh.err
	}
	if len(sh.missing) > 0 {
		return 0, sh.missing
	}
	return pages, nil
}
