package pdf

import (
	"unicode"
)

// Line-breaking classes (spec §3): closing punctuation never starts a line,
// opening punctuation never ends one.
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

// isClosing and isOpening look the class up; the characters a line break
// tests are mostly ideographs and letters, which the range check answers.
func isClosing(r rune) bool { return r >= '!' && !isIdeograph(r) && punctClass[r] == 'c' }

func isOpening(r rune) bool { return r >= '!' && !isIdeograph(r) && punctClass[r] == 'o' }

// isIdeograph reports the CJK unified ideographs (no punctuation there).
func isIdeograph(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// isSpace reports whether r is a blank a line may break after and that is
// dropped at the end of a line. The ideographic space (U+3000), which forms
// use to leave room for handwriting, behaves like an ideograph instead, and
// the no-break space like a letter.
func isSpace(r rune) bool { return r == ' ' }

// isWordRune reports whether r belongs to a Latin word or number, which is
// kept whole on a line: everything but blanks, CJK and CJK/full-width punctuation.
func isWordRune(r rune) bool {
	if isSpace(r) || isClosing(r) && r > 0x2000 || isOpening(r) && r > 0x2000 || r == '\u3000' {
		return false
	}
	return !isCJK(r)
}

// isCJK reports whether r is a CJK ideograph, kana, Hangul or a CJK or
// full-width symbol: a character a line may break before or after.
func isCJK(r rune) bool {
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

// breakBefore reports whether a line may break between prev and cur.
func breakBefore(prev, cur rune) bool {
	switch {
	case isSpace(cur):
		return false // blanks stay at the end of the line
	case isSpace(prev):
		return !isClosing(cur)
	case isClosing(cur), isOpening(prev):
		return false
	case isWordRune(prev) && isWordRune(cur):
		// Inside a word or number: only after a hyphen or slash.
		return (prev == '-' || prev == '/') && !isClosing(cur)
	}
	return true
}

// breakLines splits n glyphs of the given advances into lines no wider than
// maxW, and returns the index where each line starts. runes are the
// characters; a line's trailing blanks do not count towards its width. A
// word wider than a line is broken between characters, and then still no
// closing punctuation starts a line when it can be avoided. glued (nil or
// one per glyph) forbids a break before a glyph.
func breakLines(runes []rune, adv []float64, glued []bool, maxW float64) []int {
	starts := []int{0}
	if len(runes) == 0 {
		return starts
	}
	const eps = 1e-6
	start := 0
	width := 0.0    // width of runes[start:i]
	lastBreak := -1 // last allowed break position in (start, i]
	widthAtBreak := 0.0
	for i := 0; i < len(runes); i++ {
		if i > start && breakBefore(runes[i-1], runes[i]) && (glued == nil || !glued[i]) {
			lastBreak, widthAtBreak = i, width
		}
		// Break until glyph i fits on the line: after breaking at the last
		// opportunity, the rest of the line plus glyph i may still be too
		// wide ("1 WWWWW"), and then the word is cut.
		for width+adv[i] > maxW+eps && i > start && !isSpace(runes[i]) {
			var at int
			if lastBreak > start {
				at = lastBreak
				width -= widthAtBreak
			} else {
				// No allowed break: cut the word, keeping closing punctuation
				// off the start of the new line when the line has room to spare.
				at = i
				for at > start+1 && isClosing(runes[at]) {
					at--
				}
				width = sum(adv[at:i])
			}
			starts = append(starts, at)
			start, lastBreak = at, -1
		}
		width += adv[i]
	}
	return starts
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// trimmedWidth returns the width of adv[i:j] without trailing blanks, and
// the index after the last non-blank.
func trimmedWidth(runes []rune, adv []float64, i, j int) (float64, int) {
	for j > i && isSpace(runes[j-1]) {
		j--
	}
	return sum(adv[i:j]), j
}
