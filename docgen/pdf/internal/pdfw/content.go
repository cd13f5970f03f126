package pdfw

import (
	"errors"
	"fmt"
)

// maxPageSide is PDF 1.7's limit on a page side, in points (200 inches).
const maxPageSide = 14400

// Page is the page being drawn, from BeginPage to EndPage. Its methods take
// points from the page's top-left corner, y growing downwards. Each method
// returns an error for bad input (also kept as the Writer's sticky error,
// so checking EndPage or Close is enough). A Page must not be used after
// EndPage.
type Page struct {
	w   *Writer
	gen uint64
}

// pageState is the open page: its content so far, the resources it uses
// and the graphics state its content has set. The Writer keeps one and
// reuses its buffers from page to page.
type pageState struct {
	open          bool
	width, height float64
	content       []byte
	fonts         []*FontRef  // used on the page, in order of first use
	images        []*ImageRef // idem
	multiply      bool        // the page uses the Multiply ExtGState
	font          *FontRef    // current Tf font, nil for none
	size          int64       // current Tf size in thousandths
	tc            int64       // current Tc in thousandths
	lw            int64       // current line width in thousandths
	pathOpen      bool        // lines appended since the last S
	cids          []uint16    // scratch for Text
}

// reset prepares the state for a new page, keeping the buffers. The
// graphics state is PDF's initial one: no font, Tc 0, line width 1.
func (s *pageState) reset() {
	s.content = s.content[:0]
	clear(s.fonts)
	clear(s.images)
	s.fonts, s.images = s.fonts[:0], s.images[:0]
	s.multiply, s.font, s.size, s.tc, s.lw, s.pathOpen = false, nil, -1, 0, 1000, false
}

// closePath ends pending lines with a stroke.
func (s *pageState) closePath(b []byte) []byte {
	if s.pathOpen {
		b = append(b, "S\n"...)
		s.pathOpen = false
	}
	return b
}

// BeginPage starts a page of the given size in points (each side in
// (0, 14400]). The previous page must have ended.
func (w *Writer) BeginPage(width, height float64) (*Page, error) {
	if err := w.check(); err != nil {
		return nil, err
	}
	if w.pg.open {
		return nil, w.fail(errors.New("pdfw: BeginPage while a page is open (missing EndPage)"))
	}
	if !(width > 0 && width <= maxPageSide && height > 0 && height <= maxPageSide) || milli(width) == 0 || milli(height) == 0 {
		return nil, w.fail(fmt.Errorf("pdfw: bad page size %v x %v", width, height))
	}
	w.gen++
	w.pg.reset()
	w.pg.open, w.pg.width, w.pg.height = true, width, height
	return &Page{w: w, gen: w.gen}, nil
}

// usable returns the error that stops a call on p.
func (p *Page) usable() error {
	if p == nil || p.w == nil {
		return errors.New("pdfw: nil page")
	}
	if err := p.w.check(); err != nil {
		return err
	}
	if !p.w.pg.open || p.w.gen != p.gen {
		return p.w.fail(errors.New("pdfw: page used after EndPage"))
	}
	return nil
}

// Text draws a run of glyphs of font f at size points, starting at x on
// the baseline at y = baseline (from the top), with charSpacing points
// added after every glyph (the Tc operator). Each Glyph gives its original
// glyph id, the character it draws (for text extraction) and its advance
// in font units (for the font's /W widths).
func (p *Page) Text(f *FontRef, size, x, baseline, charSpacing float64, glyphs []Glyph) error {
	if err := p.usable(); err != nil {
		return err
	}
	w, s := p.w, &p.w.pg
	if f == nil || f.w != w {
		return w.fail(errors.New("pdfw: Text with a font not added to this writer"))
	}
	if !finite(size, x, baseline, charSpacing) || milli(size) <= 0 {
		return w.fail(fmt.Errorf("pdfw: bad text numbers: size %v at (%v, %v), spacing %v", size, x, baseline, charSpacing))
	}
	if len(glyphs) == 0 {
		return nil
	}
	cids := s.cids[:0]
	for _, g := range glyphs {
		c, err := f.cid(g)
		if err != nil {
			return w.fail(err)
		}
		cids = append(cids, c)
	}
	s.cids = cids
	if f.num == 0 {
		f.num = w.reserve()
	}
	if f.pageGen != w.gen {
		f.pageGen = w.gen
		s.fonts = append(s.fonts, f)
	}
	b := append(s.closePath(s.content), "BT "...)
	if sz := milli(size); f != s.font || sz != s.size {
		b = append(b, "/F"...)
		b = appendInt(b, f.index+1)
		b = append(b, ' ')
		b = appendMilli(b, sz)
		b = append(b, " Tf "...)
		s.font, s.size = f, sz
	}
	if tc := milli(charSpacing); tc != s.tc {
		b = appendMilli(b, tc)
		b = append(b, " Tc "...)
		s.tc = tc
	}
	b = appendNum(b, x)
	b = append(b, ' ')
	b = appendNum(b, s.height-baseline)
	b = append(b, " Td <"...)
	for _, c := range cids {
		b = appendHex16(b, c)
	}
	s.content = append(b, "> Tj ET\n"...)
	return nil
}

// Line strokes a line from (x1, y1) to (x2, y2), width points wide (0 is
// the thinnest line the device can draw). Consecutive lines of one width
// are stroked as one path.
func (p *Page) Line(x1, y1, x2, y2, width float64) error {
	if err := p.usable(); err != nil {
		return err
	}
	w, s := p.w, &p.w.pg
	if !finite(x1, y1, x2, y2, width) || width < 0 {
		return w.fail(fmt.Errorf("pdfw: bad line (%v, %v)-(%v, %v) width %v", x1, y1, x2, y2, width))
	}
	b := s.content
	if lw := milli(width); lw != s.lw {
		b = s.closePath(b) // no state change inside a path
		b = appendMilli(b, lw)
		b = append(b, " w\n"...)
		s.lw = lw
	}
	b = appendNum(b, x1)
	b = append(b, ' ')
	b = appendNum(b, s.height-y1)
	b = append(b, " m "...)
	b = appendNum(b, x2)
	b = append(b, ' ')
	b = appendNum(b, s.height-y2)
	s.content = append(b, " l\n"...)
	s.pathOpen = true
	return nil
}

// Image draws img into the box whose top-left corner is (x, y), dw by dh
// points (both > 0). With multiply it blends with what is below like ink
// (the Multiply blend mode).
func (p *Page) Image(img *ImageRef, x, y, dw, dh float64, multiply bool) error {
	if err := p.usable(); err != nil {
		return err
	}
	w, s := p.w, &p.w.pg
	if img == nil || img.w != w {
		return w.fail(errors.New("pdfw: Image with an image not added to this writer"))
	}
	if !finite(x, y, dw, dh) || milli(dw) <= 0 || milli(dh) <= 0 {
		return w.fail(fmt.Errorf("pdfw: bad image box (%v, %v) %v x %v", x, y, dw, dh))
	}
	if img.pageGen != w.gen {
		img.pageGen = w.gen
		s.images = append(s.images, img)
	}
	b := append(s.closePath(s.content), "q "...)
	if multiply {
		if w.gsMul == 0 {
			w.gsMul = w.reserve()
			w.object(w.gsMul, []byte("<< /Type /ExtGState /BM /Multiply >>"))
		}
		s.multiply = true
		b = append(b, "/GS1 gs "...)
	}
	b = appendNum(b, dw)
	b = append(b, " 0 0 "...)
	b = appendNum(b, dh)
	b = append(b, ' ')
	b = appendNum(b, x)
	b = append(b, ' ')
	b = appendNum(b, s.height-y-dh)
	b = append(b, " cm /Im"...)
	b = appendInt(b, img.index+1)
	s.content = append(b, " Do Q\n"...)
	return nil
}

// EndPage ends page p: its content stream (compressed) and its page object
// are written and the page's memory is reused for the next one.
func (w *Writer) EndPage(p *Page) error {
	if err := p.usable(); err != nil {
		return err
	}
	if p.w != w {
		return w.fail(errors.New("pdfw: EndPage of another writer's page"))
	}
	s := &w.pg
	s.content = s.closePath(s.content)
	contents := w.reserve()
	w.flateStream(contents, nil, s.content)
	page := w.reserve()
	b := append(w.tmp[:0], "<< /Type /Page /Parent "...)
	b = appendRef(b, w.pagesRoot)
	b = append(b, " /MediaBox [0 0 "...)
	b = appendNum(b, s.width)
	b = append(b, ' ')
	b = appendNum(b, s.height)
	b = append(b, "] /Resources <<"...)
	if len(s.fonts) > 0 {
		b = append(b, " /Font <<"...)
		for _, f := range s.fonts {
			b = append(b, " /F"...)
			b = appendInt(b, f.index+1)
			b = append(b, ' ')
			b = appendRef(b, f.num)
		}
		b = append(b, " >>"...)
	}
	if len(s.images) > 0 {
		b = append(b, " /XObject <<"...)
		for _, img := range s.images {
			b = append(b, " /Im"...)
			b = appendInt(b, img.index+1)
			b = append(b, ' ')
			b = appendRef(b, img.num)
		}
		b = append(b, " >>"...)
	}
	if s.multiply {
		b = append(b, " /ExtGState << /GS1 "...)
		b = appendRef(b, w.gsMul)
		b = append(b, " >>"...)
	}
	b = append(b, " >> /Contents "...)
	b = appendRef(b, contents)
	b = append(b, " >>"...)
	w.tmp = b
	w.object(page, b)
	w.pageNums = append(w.pageNums, uint32(page))
	s.reset()
	s.open = false
	if len(w.buf) > bufSize/2 {
		w.flush()
	}
	return w.err
}
