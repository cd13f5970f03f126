package docx

import (
	"github.com/zsdoc/zsdoc/docgen/layout"
)

// Word lays text out itself and does not say where it put it, but the seal
// must be centred over its anchor text, which may sit below a table Word
// has set. The writer predicts Word's lines as the PDF sets them: real
// font metrics (layout.Measurer, the fonts Word is mapped to: the PDF's by
// default) and the same line breaking (layout.BreakLines), so the two
// backends agree on where lines and rows end.

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

// setLines predicts how p sets in width: where each span lies (Spans,
// then Right) and the number of lines.
func setLines(m *layout.Measurer, p *layout.Paragraph, width layout.Length) (pieces [][]piece, lines int) {
	s := m.Shape(p)
	ls := s.Lines(float64(width))
	pieces = make([][]piece, len(p.Spans)+len(p.Right))
	line := -1
	for _, l := range ls {
		if !l.Shared {
			line++
		}
		x := 0.0
		switch {
		case l.Right:
			x = float64(width) - l.Width
		case p.Align == layout.AlignCenter:
			x = float64(width-layout.Length(l.Width)) / 2
		case p.Align == layout.AlignRight:
			x = float64(width) - l.Width
		}
		for k := l.Start; k < l.End; k++ {
			i := s.Span[k]
			x1 := x + s.Adv[k]
			if n := len(pieces[i]); n > 0 && pieces[i][n-1].line == line {
				pieces[i][n-1].x1 = layout.Length(x1)
			} else {
				pieces[i] = append(pieces[i], piece{line, layout.Length(x), layout.Length(x1)})
			}
			x = x1
		}
	}
	// A span without text (or only blanks at a line's end) is where the
	// text after it starts, or at the end of the text before it.
	for i := range pieces {
		if len(pieces[i]) > 0 {
			continue
		}
		pieces[i] = []piece{{0, 0, 0}}
		for j := i - 1; j >= 0; j-- {
			if n := len(pieces[j]); n > 0 {
				last := pieces[j][n-1]
				pieces[i] = []piece{{last.line, last.x1, last.x1}}
				break
			}
		}
	}
	return pieces, line + 1
}

// height is the predicted height of p set in width.
func height(m *layout.Measurer, p *layout.Paragraph, width layout.Length) layout.Length {
	return layout.Length(m.Shape(p).Height(float64(width)))
}

// anchorBox is the box around p's spans anchored name, from the
// paragraph's top-left (above its SpaceBefore).
func anchorBox(m *layout.Measurer, p *layout.Paragraph, width layout.Length, name string) box {
	pieces, _ := setLines(m, p, width)
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
