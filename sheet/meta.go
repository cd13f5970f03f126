package sheet

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/tabular"
)

// metaValue is 单位（盖章） or 填报日期 as found above the header.
type metaValue struct {
	text  string
	found bool
	row   tabular.Row // where it was found
	col   int
}

// The labels of the line above the header, in the order they are tried
// (a longer label before one it contains).
var (
	unitLabels = []string{forms.Label(forms.Header{}, "unit"), "填报单位", "单位"}
	dateLabels = []string{forms.Label(forms.Header{}, "date"), "日期"}
)

// findMeta looks for "单位（盖章）：…" and "填报日期：…" in the rows above
// the header, in any cell: the value follows the label in the same cell
// (up to the other label), or stands in the next filled cell to the right.
func findMeta(rows []tabular.Row) (unit, date metaValue) {
	for _, row := range rows {
		for i, c := range row.Cells {
			text := CellText(c)
			if !unit.found {
				if v, ok := afterLabel(text, unitLabels, dateLabels); ok {
					unit = metaValue{v, true, row, i}
					if v == "" {
						unit.text, unit.col = nextValue(row, i)
					}
				}
			}
			if !date.found {
				if v, ok := afterLabel(text, dateLabels, unitLabels); ok {
					date = metaValue{v, true, row, i}
					if v == "" {
						date.text, date.col = nextValue(row, i)
					}
				}
			}
		}
	}
	return unit, date
}

// nextValue returns the first filled cell right of column i that holds no
// label of the line.
func nextValue(row tabular.Row, i int) (string, int) {
	for j := i + 1; j < len(row.Cells); j++ {
		t := CellText(row.Cells[j])
		if strings.TrimSpace(t) == "" {
			continue
		}
		if _, ok := afterLabel(t, unitLabels, nil); ok {
			break
		}
		if _, ok := afterLabel(t, dateLabels, nil); ok {
			break
		}
		return strings.TrimSpace(t), j
	}
	return "", i
}

// afterLabel finds one of labels followed by a colon in s and returns the
// text after it, up to any of stops (a label followed by a colon), trimmed.
func afterLabel(s string, labels, stops []string) (string, bool) {
	for _, l := range labels {
		if _, end, ok := findLabel(s, l); ok {
			rest := s[end:]
			for _, st := range stops {
				if at, _, ok := findLabel(rest, st); ok {
					rest = rest[:at]
				}
			}
			return strings.TrimFunc(rest, unicode.IsSpace), true
		}
	}
	return "", false
}

// findLabel finds label followed by a colon in s, comparing full- and
// half-width forms alike and skipping blanks inside the label; it returns
// the byte offsets of the label's start and of the end of the colon. A
// label must start the text or follow a blank or a punctuation mark, so
// that 单位 is not found inside 承接单位.
func findLabel(s, label string) (start, end int, ok bool) {
	want := []rune(label)
	for i, r0 := range s {
		if fold(r0) != fold(want[0]) {
			continue
		}
		if i > 0 {
			if p, _ := utf8.DecodeLastRuneInString(s[:i]); !unicode.IsSpace(p) && !unicode.IsPunct(p) {
				continue
			}
		}
		j, k := i, 0
		for j < len(s) && k < len(want) {
			r, size := runeAt(s, j)
			switch {
			case fold(r) == fold(want[k]):
				k++
			case k > 0 && unicode.IsSpace(r):
			default:
				k = -1
			}
			if k < 0 {
				break
			}
			j += size
		}
		if k != len(want) {
			continue
		}
		for j < len(s) {
			r, size := runeAt(s, j)
			if unicode.IsSpace(r) {
				j += size
				continue
			}
			if r == ':' || r == '：' {
				return i, j + size, true
			}
			break
		}
	}
	return 0, 0, false
}

func runeAt(s string, i int) (rune, int) { return utf8.DecodeRuneInString(s[i:]) }

// fold maps the full-width forms of ASCII to ASCII.
func fold(r rune) rune {
	if r >= '！' && r <= '～' {
		return r - '！' + '!'
	}
	return r
}
