package tabular

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NormalizeLabel returns the form in which header labels are compared:
// Unicode NFKC (full-width ASCII such as "（" and "：" becomes half-width,
// compatibility ideographs become the unified ones), without any white
// space or line break (U+3000 and zero-width characters included), ASCII
// letters in lower case, and without the '*' that templates put before or
// after a required column's label nor a trailing colon.
// "牵头\n责任领导：" and "牵头 责任领导" both become "牵头责任领导".
func NormalizeLabel(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff':
			continue
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(strings.Trim(b.String(), "*"), ":")
}

// displayText is a header cell's text for a message: its lines joined by
// a space, blanks trimmed.
func displayText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
