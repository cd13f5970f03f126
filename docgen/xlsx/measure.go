package xlsx

import (
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
)

// measurer estimates text widths with the fonts' advance widths, so that
// row heights leave room for every line of wrapped text and the seal is
// centred over its anchor text. Without a font set (or for a character no
// font has) a CJK or full-width character is 1 em and anything else ½ em.
type measurer struct {
	set *fonts.Set
}

// ems returns the advance of r in role's font, in ems.
func (m *measurer) ems(role layout.Role, r rune) float64 {
	if m.set != nil {
		if f, err := m.set.Pick(role, r); err == nil && f != nil {
			if a := f.Advance(r); a > 0 {
				return a
			}
		}
	}
	if wide(r) {
		return 1
	}
	return 0.5
}

// width returns the advance of s in font f.
func (m *measurer) width(s string, f layout.Font) layout.Length {
	w := 0.0
	for _, r := range s {
		w += m.ems(f.Role, r)
	}
	return layout.Length(float64(w * float64(f.Size)))
}

// spans returns the advance of the spans' text in font f.
func (m *measurer) spans(spans []layout.Span, f layout.Font) layout.Length {
	var w layout.Length
	for _, s := range spans {
		w += m.width(s.Text, f)
	}
	return w
}

// lines returns how many lines s takes in a box w wide, breaking at the
// first character that does not fit (spreadsheets wrap Chinese anywhere);
// an empty text is one line.
func (m *measurer) lines(s string, f layout.Font, w layout.Length) int {
	n, x := 1, 0.0
	limit := float64(w)
	for _, r := range s {
		a := float64(m.ems(f.Role, r) * float64(f.Size))
		if x > 0 && x+a > limit {
			n++
			x = 0
		}
		x += a
	}
	return n
}

// wide reports whether r is set 1 em wide: CJK, full-width forms and the
// punctuation Chinese fonts draw full width.
func wide(r rune) bool {
	switch {
	case r >= 0x2010 && r < 0x2070,
		r >= 0x2460 && r < 0x2800,
		r >= 0x2E80 && r < 0xA4D0,
		r >= 0xAC00 && r < 0xD7A4,
		r >= 0xF900 && r < 0xFB00,
		r >= 0xFE30 && r < 0xFE50,
		r >= 0xFF00 && r < 0xFF61,
		r >= 0xFFE0 && r < 0xFFE7,
		r >= 0x20000:
		return true
	}
	return false
}
