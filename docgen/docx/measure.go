package docx

import "github.com/zsdoc/zsdoc/docgen/layout"

// Word lays text out itself and does not say where it put it, but the seal
// must be centred over its anchor text. These estimates are enough for
// that: a CJK or full-width character is 1 em wide, anything else ½ em,
// and lines break at the first character that does not fit.

// ems returns the estimated advance of r in ems.
func ems(r rune) float64 {
	switch {
	case r >= 0x2010 && r < 0x2070, // general punctuation: — “ ” … in a Chinese font
		r >= 0x2460 && r < 0x2800, // enclosed numbers, box drawing, shapes
		r >= 0x2E80 && r < 0xA4D0, // CJK radicals, symbols and punctuation, kana, ideographs, Yi
		r >= 0xAC00 && r < 0xD7A4, // Hangul
		r >= 0xF900 && r < 0xFB00, // compatibility ideographs
		r >= 0xFE30 && r < 0xFE50, // compatibility forms
		r >= 0xFF00 && r < 0xFF61, // full-width forms
		r >= 0xFFE0 && r < 0xFFE7,
		r >= 0x20000:
		return 1
	case r == '\t':
		return 2
	}
	return 0.5
}

// textWidth is the estimated width of s at size.
func textWidth(s string, size layout.Length) layout.Length {
	w := 0.0
	for _, r := range s {
		w += ems(r)
	}
	return layout.Length(w) * size
}

// box is a rectangle; x from the left of the text area, y from the top.
type box struct{ x0, y0, x1, y1 layout.Length }

// union returns the box around b and o; an empty b (x1 < x0) is nothing.
func (b box) union(o box) box {
	if b.x1 < b.x0 {
		return o
	}
	return box{min(b.x0, o.x0), min(b.y0, o.y0), max(b.x1, o.x1), max(b.y1, o.y1)}
}

// noBox is the empty box that union starts from.
var noBox = box{x0: 1, x1: 0}

// piece is the part of a span on one line.
type piece struct {
	line   int
	x0, x1 layout.Length
}

// setLines estimates how p sets in width: where each span lies (Spans,
// then Right) and the number of lines.
func setLines(p *layout.Paragraph, width layout.Length) (pieces [][]piece, lines int) {
	size := p.Font.Size
	pieces = make([][]piece, len(p.Spans)+len(p.Right))
	var ends []layout.Length // the used width of each finished line
	x, line := layout.Length(0), 0
	for i, sp := range p.Spans {
		if sp.Text == "" {
			pieces[i] = []piece{{line, x, x}}
		}
		for _, r := range sp.Text {
			w := layout.Length(layout.Length(ems(r)) * size) // rounded: never fused into x + w
			if x > 0 && x+w > width {
				ends = append(ends, x)
				line, x = line+1, 0
			}
			if n := len(pieces[i]); n > 0 && pieces[i][n-1].line == line {
				pieces[i][n-1].x1 = x + w
			} else {
				pieces[i] = append(pieces[i], piece{line, x, x + w})
			}
			x += w
		}
	}
	ends = append(ends, x)
	for i := range p.Spans {
		for k := range pieces[i] {
			pc := &pieces[i][k]
			shift := layout.Length(0)
			switch p.Align {
			case layout.AlignCenter:
				shift = (width - ends[pc.line]) / 2
			case layout.AlignRight:
				shift = width - ends[pc.line]
			}
			pc.x0, pc.x1 = pc.x0+shift, pc.x1+shift
		}
	}
	if len(p.Right) > 0 {
		rw := layout.Length(0)
		for _, sp := range p.Right {
			rw += textWidth(sp.Text, size)
		}
		if x > 0 && x+rw > width {
			line++ // the right text goes on a line of its own
		}
		x = max(width-rw, 0)
		for i, sp := range p.Right {
			w := textWidth(sp.Text, size)
			pieces[len(p.Spans)+i] = []piece{{line, x, x + w}}
			x += w
		}
	}
	return pieces, line + 1
}

// height is the estimated height of p set in width.
func height(p *layout.Paragraph, width layout.Length) layout.Length {
	_, lines := setLines(p, width)
	return p.SpaceBefore + layout.Length(layout.Length(lines)*p.Leading()) + p.SpaceAfter
}

// anchorBox is the box around p's spans anchored name, from the
// paragraph's top-left (above its SpaceBefore).
func anchorBox(p *layout.Paragraph, width layout.Length, name string) box {
	pieces, _ := setLines(p, width)
	b := noBox
	lead := p.Leading()
	for i, sp := range append(p.Spans[:len(p.Spans):len(p.Spans)], p.Right...) {
		if sp.Anchor != name {
			continue
		}
		for _, pc := range pieces[i] {
			top := p.SpaceBefore + layout.Length(layout.Length(pc.line)*lead)
			b = b.union(box{pc.x0, top, pc.x1, top + lead})
		}
	}
	return b
}
