package pdf

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
)

// GlyphError says that a character of a field cannot be printed: no
// configured font can draw it, or (RightToLeft) it belongs to a script
// written right to left, which this backend would print left to right
// with its letters unjoined.
type GlyphError struct {
	Rune        rune
	Source      layout.Field // the field the character is in
	RightToLeft bool
}

func (e *GlyphError) Error() string {
	if e.RightToLeft {
		return fmt.Sprintf("%s字符“%c”（U+%04X）属于从右向左书写的文字（阿拉伯文、希伯来文等），PDF 无法正确排印；请改用中文或拉丁字母，或生成 Word 文档",
			e.Source.String(), e.Rune, e.Rune)
	}
	return e.Source.String() + (&fonts.MissingGlyphError{Rune: e.Rune}).Error()
}

// rightToLeft are the scripts written right to left.
var rightToLeft = []*unicode.RangeTable{unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana,
	unicode.Nko, unicode.Samaritan, unicode.Mandaic, unicode.Adlam, unicode.Hanifi_Rohingya, unicode.Yezidi,
	unicode.Mende_Kikakui, unicode.Imperial_Aramaic, unicode.Phoenician, unicode.Kharoshthi, unicode.Old_South_Arabian,
	unicode.Avestan, unicode.Inscriptional_Parthian, unicode.Inscriptional_Pahlavi, unicode.Psalter_Pahlavi,
	unicode.Old_Turkic, unicode.Lydian, unicode.Nabataean, unicode.Palmyrene, unicode.Hatran, unicode.Manichaean,
	unicode.Old_North_Arabian, unicode.Elymaic, unicode.Sogdian, unicode.Old_Sogdian, unicode.Chorasmian, unicode.Old_Hungarian}

// isRightToLeft reports whether r belongs to a right-to-left script.
func isRightToLeft(r rune) bool {
	return r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFC ||
		r >= 0x10800 && unicode.In(r, rightToLeft...)
}

// GlyphErrors is every character that no font can draw, one per field and character.
type GlyphErrors []*GlyphError

func (l GlyphErrors) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// shaper turns text into glyphs with faces and advances.
type shaper struct {
	set     *fonts.Set
	missing GlyphErrors
	seen    map[GlyphError]bool
	err     error // a fallback font failed to load
}

// glyphs are a paragraph's characters with what drawing them needs.
type glyphs struct {
	runes []rune
	gid   []uint16  // the glyph of each rune in its face
	adv   []float64 // advance at the paragraph's size
	face  []*fonts.Face
	span  []int // index of the span in the paragraph's list (Spans then Right)
}

func (s *shaper) shape(spans []layout.Span, spanBase int, f layout.Font, g *glyphs) {
	role := f.Role
	size := float64(f.Size)
	for i, sp := range spans {
		for _, r := range sp.Text {
			if r == '\t' {
				r = ' ' // a tab prints as a blank
			}
			face, err := s.set.Pick(role, r)
			if s.unprintable(r, sp.Source, err) {
				if s.err != nil {
					return
				}
				face = s.set.Face(role)
				r = '?'
			}
			gid := face.GlyphIndex(r) // looked up once: the PDF writer reuses it
			g.runes = append(g.runes, r)
			g.gid = append(g.gid, gid)
			g.adv = append(g.adv, float64(face.GlyphAdvance(gid))/float64(face.UnitsPerEm())*size)
			g.face = append(g.face, face)
			g.span = append(g.span, spanBase+i)
		}
	}
}

// unprintable records r (of the field src, which Pick answered with err)
// when the PDF cannot print it: no font has it, or it is of a
// right-to-left script (one error per field). A failure to load a font is
// kept in s.err.
func (s *shaper) unprintable(r rune, src layout.Field, err error) bool {
	rtl := isRightToLeft(r)
	if err == nil && !rtl {
		return false
	}
	if _, ok := err.(*fonts.MissingGlyphError); err != nil && !ok {
		s.err = err
		return true
	}
	ge := GlyphError{Rune: r, Source: src, RightToLeft: rtl}
	key := ge
	if rtl {
		key.Rune = 0 // one error per field for a right-to-left text
	}
	if !s.seen[key] {
		if s.seen == nil {
			s.seen = map[GlyphError]bool{}
		}
		s.seen[key] = true
		s.missing = append(s.missing, &ge)
	}
	return true
}

// glue returns, for glyphs [i, j), whether a line must not break before
// each: inside a NoBreak span that fits in width (layout.Glue).
func (g *glyphs) glue(p *layout.Paragraph, i, j int, width float64) []bool {
	return layout.Glue(g.span[i:j], func(s int) bool { return spanOf(p, s).NoBreak }, g.adv[i:j], width)
}

// piece is a run of one face within a line, with its x from the line box's left.
type piece struct {
	x, width float64
	cs       float64
	face     *fonts.Face
	text     string
	gids     []uint16 // one per rune of text
	span     int
}

// textLine is one line of a paragraph.
type textLine struct {
	pieces []piece
}

// para is a paragraph broken into lines for a box width.
type para struct {
	src     *layout.Paragraph
	lines   []textLine
	size    float64
	leading float64
}

// height returns the paragraph's height including its spacing.
func (p *para) height() float64 {
	n := max(len(p.lines), 1)
	return float64(p.src.SpaceBefore) + float64(float64(n)*p.leading) + float64(p.src.SpaceAfter)
}

// layoutPara breaks paragraph p into lines of at most width.
func (s *shaper) layoutPara(p *layout.Paragraph, width float64) *para {
	out := &para{src: p, size: float64(p.Font.Size), leading: float64(p.Leading())}
	var g glyphs
	s.shape(p.Spans, 0, p.Font, &g)
	main := len(g.runes)
	s.shape(p.Right, len(p.Spans), p.Font, &g)

	starts := breakLines(g.runes[:main], g.adv[:main], g.glue(p, 0, main, width), width)
	for k, st := range starts {
		end := main
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		last := k == len(starts)-1
		out.lines = append(out.lines, makeLine(&g, st, end, width, p.Align, last))
	}
	if len(p.Right) == 0 {
		return out
	}
	// The right-hand text: on the last line when both fit with a blank
	// between them, else right-aligned on lines of its own.
	rw := sum(g.adv[main:])
	lastLine := &out.lines[len(out.lines)-1]
	used := 0.0
	if n := len(lastLine.pieces); n > 0 {
		used = lastLine.pieces[n-1].x + lastLine.pieces[n-1].width
	}
	gap := out.size
	if main == 0 || used+gap+rw <= width {
		pieces := makeLine(&g, main, len(g.runes), width, layout.AlignRight, true).pieces
		lastLine.pieces = append(lastLine.pieces, pieces...)
		return out
	}
	rstarts := breakLines(g.runes[main:], g.adv[main:], g.glue(p, main, len(g.runes), width), width)
	for k, st := range rstarts {
		end := len(g.runes) - main
		if k+1 < len(rstarts) {
			end = rstarts[k+1]
		}
		out.lines = append(out.lines, makeLine(&g, main+st, main+end, width, layout.AlignRight, true))
	}
	return out
}

// makeLine builds the pieces of glyphs [i, j) aligned in a box of width.
func makeLine(g *glyphs, i, j int, width float64, align layout.Align, last bool) textLine {
	w, j := trimmedWidth(g.runes, g.adv, i, j)
	x, cs := 0.0, 0.0
	switch align {
	case layout.AlignCenter:
		x = (width - w) / 2
	case layout.AlignRight:
		x = width - w
	case layout.AlignJustify:
		if !last && j-i > 1 && w < width {
			cs = (width - w) / float64(j-i-1)
		}
	}
	var line textLine
	for k := i; k < j; {
		m := k + 1
		for m < j && g.face[m] == g.face[k] && g.span[m] == g.span[k] {
			m++
		}
		pw := sum(g.adv[k:m]) + float64(cs*float64(m-k))
		line.pieces = append(line.pieces, piece{x: x, width: pw, cs: cs, face: g.face[k], text: string(g.runes[k:m]), gids: g.gid[k:m], span: g.span[k]})
		x += pw
		k = m
	}
	if cs > 0 && len(line.pieces) > 0 { // the last glyph's spacing is not visible
		line.pieces[len(line.pieces)-1].width -= cs
	}
	return line
}

// spanOf returns span i of a paragraph (Spans, then Right).
func spanOf(p *layout.Paragraph, i int) layout.Span {
	if i < len(p.Spans) {
		return p.Spans[i]
	}
	return p.Right[i-len(p.Spans)]
}

// emitLine places line of paragraph p with its box's left at x and the
// line's top at top, recording anchors.
func emitLine(pg *Page, p *para, line *textLine, x, top float64, box Rect) {
	for _, pc := range line.pieces {
		asc, desc := pc.face.Ascent(), pc.face.Descent()
		baseline := top + baselineOffset(p.leading, p.size, asc, desc)
		sp := spanOf(p.src, pc.span)
		t := Text{X: x + pc.x, Baseline: baseline, Size: p.size, CharSpacing: pc.cs, Width: pc.width,
			Face: pc.face, Text: pc.text, GIDs: pc.gids, Box: box, Source: sp.Source}
		pg.Texts = append(pg.Texts, t)
		if sp.Anchor != "" {
			pg.anchor(sp.Anchor, Rect{t.X, top, t.Width, p.leading})
		}
	}
	// An anchored span with no text still marks where it is.
	for i := range len(p.src.Spans) + len(p.src.Right) {
		if sp := spanOf(p.src, i); sp.Anchor != "" && sp.Text == "" && pg.anchors[sp.Anchor] == (Rect{}) {
			pg.anchor(sp.Anchor, Rect{x, top, 0, p.leading})
		}
	}
}
