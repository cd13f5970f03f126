package layout

import (
	"unicode"
)

// Line breaking, shared by every backend that sets text itself (the PDF)
// or predicts how a word processor will (the DOCX's seal placement) and by
// the composers' column widths, so that all of them break the same text at
// the same places (spec §3): at any CJK character; Latin words and numbers
// kept whole unless wider than the line; closing punctuation never starts a
// line and opening punctuation never ends one.

// Line-breaking classes: closing punctuation never starts a line, opening
// punctuation never ends one.
const (
	closingPunct = "，。、；：？！）》」』】〕〉〗〙”’．,.;:?!)]}%％…·‰℃°"
	openingPunct = "（《「『【〔〈〖〘“‘([{"
)

// punctClass maps each punctuation rune to its class (computed once from
// the two lists; read-only after).
var punctClass = func() map[rune]byte {
	m := map[rune]byte{}
	for _, r := range closingPunct {
		m[r] = 'c'
	}
	for _, r := range openingPunct {
		m[r] = 'o'
	}
	return m
}()

// IsClosing reports closing punctuation, which never starts a line. The
// characters a line break tests are mostly ideographs and letters, which
// the range check answers.
func IsClosing(r rune) bool { return r >= '!' && !isIdeograph(r) && punctClass[r] == 'c' }

// IsOpening reports opening punctuation, which never ends a line.
func IsOpening(r rune) bool { return r >= '!' && !isIdeograph(r) && punctClass[r] == 'o' }

// isIdeograph reports the CJK unified ideographs (no punctuation there).
func isIdeograph(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// IsSpace reports whether r is a blank a line may break after and that is
// dropped at the end of a line. The ideographic space (U+3000), which forms
// use to leave room for handwriting, behaves like an ideograph instead, and
// the no-break space like a letter.
func IsSpace(r rune) bool { return r == ' ' }

// IsWordRune reports whether r belongs to a Latin word or number, which is
// kept whole on a line: everything but blanks, CJK and CJK/full-width punctuation.
func IsWordRune(r rune) bool {
	if IsSpace(r) || IsClosing(r) && r > 0x2000 || IsOpening(r) && r > 0x2000 || r == '\u3000' {
		return false
	}
	return !IsCJK(r)
}

// IsCJK reports whether r is a CJK ideograph, kana, Hangul or a CJK or
// full-width symbol: a character a line may break before or after.
func IsCJK(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF, // radicals … CJK unified ideographs, incl. punctuation and kana
		r >= 0xAC00 && r <= 0xD7AF,   // Hangul
		r >= 0xF900 && r <= 0xFAFF,   // compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F,   // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFFEF,   // full-width forms
		r >= 0x20000 && r <= 0x3FFFF: // supplementary ideographs
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// BreakBefore reports whether a line may break between prev and cur.
func BreakBefore(prev, cur rune) bool {
	switch {
	case IsSpace(cur):
		return false // blanks stay at the end of the line
	case IsSpace(prev):
		return !IsClosing(cur)
	case IsClosing(cur), IsOpening(prev):
		return false
	case IsWordRune(prev) && IsWordRune(cur):
		// Inside a word or number: only after a hyphen or slash, and not
		// before a digit (Unicode line breaking, UAX #14 LB25, as Word and
		// LibreOffice break: "0731-57619998", "2026-430300" stay whole).
		return (prev == '-' || prev == '/') && !IsClosing(cur) && (cur < '0' || cur > '9')
	}
	return true
}

// BreakLines splits n glyphs of the given advances into lines no wider than
// maxW, and returns the index where each line starts. runes are the
// characters; a line's trailing blanks do not count towards its width. A
// word wider than a line is broken between characters, and then still no
// closing punctuation starts a line when it can be avoided. glued (nil or
// one per glyph) forbids a break before a glyph.
func BreakLines(runes []rune, adv []float64, glued []bool, maxW float64) []int {
	starts := []int{0}
	can := func(i int) bool { return BreakBefore(runes[i-1], runes[i]) && (glued == nil || !glued[i]) }
	breakLines(runes, adv, maxW, can, func(at int) { starts = append(starts, at) })
	return starts
}

// breakLines is BreakLines with the break opportunities given (can(i):
// a line may break before glyph i), calling emit with the start of every
// line after the first.
func breakLines(runes []rune, adv []float64, maxW float64, can func(i int) bool, emit func(at int)) {
	const eps = 1e-6
	start := 0
	width := 0.0    // width of runes[start:i]
	lastBreak := -1 // last allowed break position in (start, i]
	widthAtBreak := 0.0
	for i := 0; i < len(runes); i++ {
		if i > start && can(i) {
			lastBreak, widthAtBreak = i, width
		}
		// Break until glyph i fits on the line: after breaking at the last
		// opportunity, the rest of the line plus glyph i may still be too
		// wide ("1 WWWWW"), and then the word is cut.
		for width+adv[i] > maxW+eps && i > start && !IsSpace(runes[i]) {
			var at int
			if lastBreak > start {
				at = lastBreak
				width -= widthAtBreak
			} else {
				// No allowed break: cut the word, keeping closing punctuation
				// off the start of the new line when the line has room to spare.
				at = i
				for at > start+1 && IsClosing(runes[at]) {
					at--
				}
				width = Sum(adv[at:i])
			}
			emit(at)
			start, lastBreak = at, -1
		}
		width += adv[i]
	}
}

// Sum adds advances in order (the one order every backend uses, so that
// the same text always measures the same).
func Sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// TrimmedWidth returns the width of adv[i:j] without trailing blanks, and
// the index after the last non-blank.
func TrimmedWidth(runes []rune, adv []float64, i, j int) (float64, int) {
	for j > i && IsSpace(runes[j-1]) {
		j--
	}
	return Sum(adv[i:j]), j
}

// Glue returns, for glyphs whose spans are span (span[k] is the index of
// glyph k's span; glyphs of one span are consecutive), whether a line must
// not break before each: inside a span that noBreak names, when that span
// fits in width (a kept span wider than the line breaks as usual). It
// returns nil when nothing is glued.
func Glue(span []int, noBreak func(span int) bool, adv []float64, width float64) []bool {
	var out []bool
	for k := 1; k < len(span); k++ {
		if span[k] != span[k-1] || !noBreak(span[k]) {
			continue
		}
		if out == nil {
			out = make([]bool, len(span))
		}
		out[k] = true
	}
	if out == nil {
		return nil
	}
	for k := 0; k < len(span); {
		m := k + 1
		for m < len(span) && span[m] == span[k] {
			m++
		}
		if Sum(adv[k:m]) > width {
			for x := k; x < m; x++ {
				out[x] = false
			}
		}
		k = m
	}
	return out
}
