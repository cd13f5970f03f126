package docx

import (
	"strings"

	"github.com/zsdoc/zsdoc/docgen/layout"
)

// paragraph writes a w:p. width is the width its lines are set in (the type
// area, or the cell's content width): Right's tab stop is at its right end.
// draws are the images anchored in the section, placed at their first
// anchored span; sectPr, when not empty, closes a section here.
func (b *builder) paragraph(x *xmlw, p *layout.Paragraph, width layout.Length, draws drawings, sectPr string) {
	rPr := b.rPr(p.Font)
	x.raw(`<w:p><w:pPr>`)
	if b.keepNext {
		x.raw(`<w:keepNext/>`)
	}
	if len(p.Right) > 0 {
		x.raw(`<w:tabs><w:tab w:val="right" w:pos="`)
		x.int(int64(twips(width)))
		x.raw(`"/></w:tabs>`)
	}
	x.raw(`<w:spacing w:before="`)
	x.int(int64(twips(p.SpaceBefore)))
	x.raw(`" w:after="`)
	x.int(int64(twips(p.SpaceAfter)))
	x.raw(`" w:line="`)
	x.int(int64(max(twips(p.Leading()), 1)))
	x.raw(`" w:lineRule="exact"/>`)
	switch p.Align {
	case layout.AlignCenter:
		x.raw(`<w:jc w:val="center"/>`)
	case layout.AlignRight:
		x.raw(`<w:jc w:val="right"/>`)
	case layout.AlignJustify:
		x.raw(`<w:jc w:val="both"/>`)
	}
	x.raw(rPr)
	x.raw(sectPr)
	x.raw(`</w:pPr>`)
	at := draws.at[p]
	b.drawingsAt(x, at, -1)
	kept, breakBefore := b.keptSpans(p, width)
	for i := range p.Spans {
		b.drawingsAt(x, at, i)
		text := p.Spans[i].Text
		if kept != nil && kept[i] {
			text = joined(text)
			if breakBefore[i] {
				x.raw(`<w:r>` + rPr + `<w:br/></w:r>`)
			}
		}
		b.textRun(x, rPr, text, p.Spans[i].Source.String())
	}
	if len(p.Right) > 0 {
		x.raw(`<w:r>` + rPr + `<w:tab/></w:r>`)
		for i := range p.Right {
			b.drawingsAt(x, at, len(p.Spans)+i)
			b.textRun(x, rPr, p.Right[i].Text, p.Right[i].Source.String())
		}
	}
	x.raw(`</w:p>`)
}

// wordJoiner (U+2060) forbids a line break between the characters around
// it and prints nothing: Word and LibreOffice honour it between CJK
// characters, where they would otherwise break anywhere.
const wordJoiner = "\u2060"

// keptSpans returns which of p's Spans are NoBreak and fit on a line of
// width, as the PDF keeps them whole (nil when none), and which of those
// start a line where the PDF sets p: there the writer breaks the line
// itself, since LibreOffice does not honour the word joiners between CJK
// characters (Word does).
func (b *builder) keptSpans(p *layout.Paragraph, width layout.Length) (kept, breakBefore []bool) {
	var s *layout.Shaped
	for i, sp := range p.Spans {
		if !sp.NoBreak || len(sp.Text) == 0 {
			continue
		}
		if s == nil {
			s = b.measure.Shape(p)
		}
		w, first := 0.0, -1
		for k := 0; k < s.Main; k++ {
			if s.Span[k] == i {
				w += s.Adv[k]
				if first < 0 {
					first = k
				}
			}
		}
		if w > float64(width) {
			continue
		}
		if kept == nil {
			kept, breakBefore = make([]bool, len(p.Spans)), make([]bool, len(p.Spans))
		}
		kept[i] = true
		for _, l := range s.Lines(float64(width)) {
			if l.Start == first && first > 0 && !l.Right {
				breakBefore[i] = true
			}
		}
	}
	return kept, breakBefore
}

// joined puts a word joiner between the characters of s, so that Word
// keeps it on one line.
func joined(s string) string {
	var sb strings.Builder
	for i, r := range s {
		if i > 0 {
			sb.WriteString(wordJoiner)
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// emptyParagraph writes a paragraph without text that keeps the line height
// of font at leading (an empty cell, a merged cell's continuation).
func (b *builder) emptyParagraph(x *xmlw, font layout.Font, leading layout.Length) {
	x.raw(`<w:p><w:pPr>`)
	if b.keepNext {
		x.raw(`<w:keepNext/>`)
	}
	x.raw(`<w:spacing w:before="0" w:after="0" w:line="`)
	x.int(int64(max(twips(leading), 1)))
	x.raw(`" w:lineRule="exact"/>`)
	x.raw(b.rPr(font))
	x.raw(`</w:pPr></w:p>`)
}

// textRun writes text as a run: w:t for text, w:tab for a tab, w:br for a
// line break (the layout model has none; a stray one is kept visible
// rather than lost). source names the text in error messages.
func (b *builder) textRun(x *xmlw, rPr, text, source string) {
	if text == "" {
		return
	}
	x.raw(`<w:r>`)
	x.raw(rPr)
	for len(text) > 0 {
		i := strings.IndexAny(text, "\t\n\r")
		if i < 0 {
			i = len(text)
		}
		if i > 0 {
			seg := text[:i]
			if seg[0] == ' ' || seg[len(seg)-1] == ' ' {
				x.raw(`<w:t xml:space="preserve">`)
			} else {
				x.raw(`<w:t>`)
			}
			x.escape(seg, source)
			x.raw(`</w:t>`)
		}
		if i == len(text) {
			break
		}
		switch text[i] {
		case '\t':
			x.raw(`<w:tab/>`)
		case '\n':
			x.raw(`<w:br/>`)
		case '\r':
			if i+1 >= len(text) || text[i+1] != '\n' {
				x.raw(`<w:br/>`)
			}
		}
		text = text[i+1:]
	}
	x.raw(`</w:r>`)
}
