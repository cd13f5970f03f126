package layout

import (
	"github.com/zsdoc/zsdoc/fonts"
)

// Measurer measures text with the real metrics of a font set: the advance
// of every character in the face that draws it (the role's font, else a
// fallback), as the PDF backend sets it. Composers measure columns with it
// and the DOCX backend predicts Word's lines with it, so that the PDF and
// the DOCX break text alike. A character no font has measures as '?' in
// the role's font, as the PDF would print it. A Measurer is safe for
// concurrent use; a Shaped is not (Count caches what it finds).
type Measurer struct{ set *fonts.Set }

// NewMeasurer returns a Measurer of set.
func NewMeasurer(set *fonts.Set) *Measurer { return &Measurer{set: set} }

// Shaped is a paragraph's text measured once, to be set at many widths:
// its characters (a tab as a blank), their advances at the paragraph's
// size and the index of each character's span (Spans, then Right).
type Shaped struct {
	P     *Paragraph
	Runes []rune
	Adv   []float64
	Span  []int
	// Main is the number of characters of Spans; Right's follow.
	Main int
	can  []bool // can[i]: a line may break before character i (Count's cache)
}

// kept reports whether a span of the paragraph is NoBreak.
func (s *Shaped) kept() bool {
	for _, sp := range s.P.Spans {
		if sp.NoBreak {
			return true
		}
	}
	return false
}

// Shape measures p.
func (m *Measurer) Shape(p *Paragraph) *Shaped {
	s := &Shaped{P: p}
	m.shape(p.Spans, 0, p.Font, s)
	s.Main = len(s.Runes)
	m.shape(p.Right, len(p.Spans), p.Font, s)
	return s
}

func (m *Measurer) shape(spans []Span, base int, f Font, s *Shaped) {
	size := float64(f.Size)
	for i, sp := range spans {
		for _, r := range sp.Text {
			if r == '\t' {
				r = ' '
			}
			face := m.set.Face(f.Role) // the role's font has most: one lookup
			gid := face.GlyphIndex(r)
			if gid == 0 {
				var err error
				if face, err = m.set.Pick(f.Role, r); err != nil {
					face, r = m.set.Face(f.Role), '?'
				}
				gid = face.GlyphIndex(r)
			}
			s.Runes = append(s.Runes, r)
			s.Adv = append(s.Adv, float64(face.GlyphAdvance(gid))/float64(face.UnitsPerEm())*size)
			s.Span = append(s.Span, base+i)
		}
	}
}

// glue is Glue for characters [i, j).
func (s *Shaped) glue(i, j int, width float64) []bool {
	p := s.P
	return Glue(s.Span[i:j], func(k int) bool {
		if k < len(p.Spans) {
			return p.Spans[k].NoBreak
		}
		return p.Right[k-len(p.Spans)].NoBreak
	}, s.Adv[i:j], width)
}

// Line is one line of a set paragraph: characters [Start, End) of the
// Shaped, End after trailing blanks are dropped, Width their width.
type Line struct {
	Start, End int
	Width      float64
	// Right marks a line of Right's text, set flush right; Shared marks
	// Right's text on the last line of Spans (the same printed line).
	Right, Shared bool
}

// Lines sets the paragraph in width, as the PDF does: Spans broken into
// lines, then Right on the last line when both fit with a blank of one em
// between them, else right-aligned on lines of its own. The last line may
// hold two Line values (the end of Spans and Right).
func (s *Shaped) Lines(width float64) []Line {
	var out []Line
	s.lines(0, s.Main, width, false, &out)
	if s.Main == len(s.Runes) {
		return out
	}
	rw := Sum(s.Adv[s.Main:])
	last := out[len(out)-1]
	if s.Main == 0 || last.Width+float64(s.P.Font.Size)+rw <= width {
		w, end := TrimmedWidth(s.Runes, s.Adv, s.Main, len(s.Runes))
		return append(out, Line{Start: s.Main, End: end, Width: w, Right: true, Shared: true})
	}
	s.lines(s.Main, len(s.Runes), width, true, &out)
	return out
}

func (s *Shaped) lines(i, j int, width float64, right bool, out *[]Line) {
	starts := BreakLines(s.Runes[i:j], s.Adv[i:j], s.glue(i, j, width), width)
	for k, st := range starts {
		end := j - i
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		w, e := TrimmedWidth(s.Runes, s.Adv, i+st, i+end)
		*out = append(*out, Line{Start: i + st, End: e, Width: w, Right: right})
	}
}

// Count returns the number of lines the paragraph takes in width (at
// least one: an empty paragraph is an empty line).
func (s *Shaped) Count(width float64) int {
	if s.Main == len(s.Runes) && !s.kept() {
		// The common case, counted often by the column widths: the break
		// opportunities found once.
		if s.can == nil {
			s.can = make([]bool, len(s.Runes))
			for i := 1; i < len(s.Runes); i++ {
				s.can[i] = BreakBefore(s.Runes[i-1], s.Runes[i])
			}
		}
		n := 1
		breakLines(s.Runes, s.Adv, width, func(i int) bool { return s.can[i] }, func(int) { n++ })
		return n
	}
	n := len(BreakLines(s.Runes[:s.Main], s.Adv[:s.Main], s.glue(0, s.Main, width), width))
	if s.Main == len(s.Runes) {
		return n
	}
	n = 0
	for _, l := range s.Lines(width) {
		if !l.Shared {
			n++
		}
	}
	return n
}

// Height returns the paragraph's height set in width: its lines at its
// leading, and its spacing.
func (s *Shaped) Height(width float64) float64 {
	return float64(s.P.SpaceBefore) + float64(float64(s.Count(width))*float64(s.P.Leading())) + float64(s.P.SpaceAfter)
}

// MaxContent returns the width of the paragraph on one line (Spans; Right
// after a blank of one em), without trailing blanks.
func (s *Shaped) MaxContent() float64 {
	w, _ := TrimmedWidth(s.Runes, s.Adv, 0, s.Main)
	if s.Main < len(s.Runes) {
		rw, _ := TrimmedWidth(s.Runes, s.Adv, s.Main, len(s.Runes))
		if s.Main > 0 {
			w += float64(s.P.Font.Size)
		}
		w += rw
	}
	return w
}

// MinContent returns the width of the widest piece of the text that no
// line break may cut: a run of characters without a break opportunity (a
// credit code, a number, a date kept whole), where a word's inner hyphens
// and slashes count as no break either (a telephone number "0731-57619998"
// stays on one line), and a NoBreak span as a whole. Trailing blanks do
// not count.
func (s *Shaped) MinContent() float64 {
	best := 0.0
	for _, seg := range [2][2]int{{0, s.Main}, {s.Main, len(s.Runes)}} {
		i, j := seg[0], seg[1]
		glued := s.glue(i, j, 1e300)
		start := i
		for k := i + 1; k <= j; k++ {
			if k < j {
				prev, cur := s.Runes[k-1], s.Runes[k]
				inWord := IsWordRune(prev) && IsWordRune(cur)
				if !BreakBefore(prev, cur) || inWord || glued != nil && glued[k-i] {
					continue
				}
			}
			w, _ := TrimmedWidth(s.Runes, s.Adv, start, k)
			best = max(best, w)
			start = k
		}
	}
	return best
}
