package schema

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/zsdoc/zsdoc/forms"
)

// The patterns below use only the syntax that ECMA-262 (with the u flag, as
// JSON Schema asks) and Go's RE2 read alike: character classes, \t \n \r,
// \xHH for the C0 and C1 controls, literal characters for everything else,
// and no look-around. Each is at least as loose as the decoder, so that a
// value Parse accepts always matches; the tests check each against Parse.

// blank reports whether the decoder trims r from the ends of a text: TAB,
// LF, CR and the Unicode white space that is not a control character (so
// not U+000B, U+000C or U+0085, which validation reports instead). It
// mirrors forms' trimBlank; TestBlankClass holds it to Parse.
func blank(r rune) bool {
	switch r {
	case '\t', '\n', '\r':
		return true
	}
	return unicode.IsSpace(r) && !unicode.IsControl(r)
}

// control reports whether r is refused in every text (rule "nocontrol"):
// a control character other than TAB, LF and CR (CR becomes LF).
func control(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' }

// lineBreak reports whether r breaks a one-line text (rule "oneline").
func lineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\t', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// classBody writes the characters of the BMP for which in is true as the
// inside of a regular-expression character class, runs as ranges.
func classBody(in func(rune) bool) string {
	var b strings.Builder
	for r := rune(0); r <= 0xFFFF; r++ {
		if !in(r) {
			continue
		}
		end := r
		for end < 0xFFFF && in(end+1) {
			end++
		}
		b.WriteString(classChar(r))
		switch {
		case end == r+1:
			b.WriteString(classChar(end))
		case end > r+1:
			b.WriteString("-" + classChar(end))
		}
		r = end
	}
	return b.String()
}

// classChar writes one character for a character class.
func classChar(r rune) string {
	switch {
	case r == '\t':
		return `\t`
	case r == '\n':
		return `\n`
	case r == '\r':
		return `\r`
	case r < 0x20 || (r >= 0x7F && r <= 0x9F):
		return fmt.Sprintf(`\x%02X`, r)
	case strings.ContainsRune(`\]^-[`, r):
		return `\` + string(r)
	}
	return string(r)
}

var (
	// blankRe is one character that trimming removes.
	blankRe = "[" + classBody(blank) + "]"
	// innerBlankRe is a blank that may stand inside a one-line text.
	innerBlankRe = "[" + classBody(func(r rune) bool { return blank(r) && !lineBreak(r) }) + "]"
	// visibleRe is a character that is neither blank nor a control.
	visibleRe = "[^" + classBody(func(r rune) bool { return blank(r) || control(r) }) + "]"
	digitRe   = "[0-9０-９]"
)

// padded wraps a pattern body in the blanks that decoding trims.
func padded(body string) string { return "^" + blankRe + "*" + body + blankRe + "*$" }

// optional groups body, optional when yes (for a key that may be blank).
func optional(body string, yes bool) string {
	if yes {
		return "(?:" + body + ")?"
	}
	return "(?:" + body + ")"
}

// oneLine is a text without line breaks, tabs or controls but the blanks
// around it.
var oneLine = visibleRe + "(?:" + innerBlankRe + "*" + visibleRe + ")*"

// onelinePattern: after trimming, no line break, tab or control; not
// blank unless blankOK.
func onelinePattern(blankOK bool) string { return padded(optional(oneLine, blankOK)) }

// Text patterns.
var (
	// linesPattern: lines of one-line texts, as one string given for a
	// list of them is split (each line trimmed, blank lines dropped).
	linesPattern = func() string {
		edge := "[" + classBody(func(r rune) bool { return blank(r) && r != '\n' && r != '\r' }) + "]*"
		line := edge + "(?:" + oneLine + ")?" + edge
		return "^" + line + "(?:[\\n\\r]" + line + ")*$"
	}()
	// nocontrolPattern: no control character but TAB, LF and CR.
	nocontrolPattern = "^[^" + classBody(control) + "]*$"
	// visiblePattern: not blank (decoding would leave nothing).
	visiblePattern = "[^" + classBody(blank) + "]"
	// trimmedPattern matches a text that decoding shortens (blanks around
	// it, or CR LF becoming LF): its length is left to Parse.
	trimmedPattern = "^" + blankRe + "|" + blankRe + "$|\\r"
	// splitPattern matches one string given for a list that decoding
	// shortens or splits into several items.
	splitPattern = "^" + blankRe + "|" + blankRe + "$|[\\n\\r]"
	// blankPattern matches a text that decoding makes empty.
	blankPattern = "^" + blankRe + "*$"
)

// datePattern: the spellings Date's decoder normalises — "2026-11-26",
// "2026/11/26", "2026.11.26", "2026-1-5", "2026年11月26日", full-width
// digits — any mix of the separators; the calendar is Parse's to check.
func datePattern(blankOK bool) string {
	sep := "[\\-年月/.]"
	part := "\\+?" + digitRe + "{1,4}"
	return padded(optional(digitRe+"{4}"+sep+part+sep+part+"日?", blankOK))
}

// amountPattern: a decimal number as text, not negative (but "-0" is),
// with an optional exponent and full-width digits.
func amountPattern(blankOK bool) string {
	num := "(?:" + digitRe + "+\\.?" + digitRe + "*|\\." + digitRe + "+)"
	zero := "(?:[0０]+\\.?[0０]*|\\.[0０]+)"
	exp := "(?:[eEｅＥ][+\\-−]?" + digitRe + "+)?"
	return padded(optional("(?:\\+?"+num+"|[\\-−]"+zero+")"+exp, blankOK))
}

// intPattern: text that may hold an integer: blank, or Go's syntax of an
// integer or float (which strconv reads, underscores and hexadecimal
// included), full-width digits and letters too. Parse checks that the
// value is exactly a whole number: "1.5e1" is one, "3.0000000000000001" is not.
var intPattern = func() string {
	digits := digitRe + "[0-9０-９_]*"
	dec := "(?:" + digits + "(?:\\." + "[0-9０-９_]*)?|\\." + digits + ")(?:[eEｅＥ][+\\-]?" + digits + ")?"
	hex := "[0０][xXｘＸ][0-9A-Fa-f０-９Ａ-Ｆａ-ｆ_.]*[pPｐＰ][+\\-]?" + digits
	return padded(optional("[+\\-]?(?:"+dec+"|"+hex+")", true))
}()

// yesNoPattern: 是, 否, true or false in any case.
func yesNoPattern(blankOK bool) string {
	return padded(optional("是|否|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]", blankOK))
}

// usccPattern: 18 characters of the 统一社会信用代码 charset; the check
// character is Parse's to verify.
func usccPattern() string {
	return padded("[" + classBody(func(r rune) bool {
		if r >= 0x80 {
			return false
		}
		_, ok := forms.USCCCheckChar(strings.Repeat(string(r), 17))
		return ok
	}) + "]{18}")
}

// phonePattern: digits, "+", "-" and blanks, a digit at least; the number
// plan is Parse's.
var phonePattern = padded("[0-9０-９+\\- 　]*" + digitRe + "[0-9０-９+\\- 　]*")

// oneOfPattern: one of the texts, or blank when blankOK.
func oneOfPattern(texts []string, blankOK bool) string {
	q := make([]string, len(texts))
	for i, t := range texts {
		q[i] = regexp.QuoteMeta(t)
	}
	return padded(optional(strings.Join(q, "|"), blankOK))
}

// codeSeparators are what may stand between a code and its name ("A—合资",
// "A类：工业制造业"), as forms' CodeSet.normalize reads them.
const codeSeparators = "—-–－―~～:：、. \t"

// codePattern matches what the decoder maps to one of the set's codes:
// the code in either case or width, optionally followed by 类, the name, or
// both joined by separators — exactly, which TestCodePatterns checks — and
// also blank when blankOK.
func codePattern(set forms.CodeSet, blankOK bool) string {
	sep := "[" + classBody(func(r rune) bool { return strings.ContainsRune(codeSeparators, r) }) + "]"
	upper := func(r rune) rune { return unicode.ToUpper(halfWidth(r)) }
	var alts []string
	for _, e := range set.Entries {
		alt := spelled(e.Code, upper) + "类?"
		if e.Code != e.Name {
			alt += "(?:" + sep + "+" + blankRe + "*" + spelled(e.Name, upper) + ")?"
		}
		alts = append(alts, alt, spelled(e.Name, halfWidth))
	}
	body := strings.Join(alts, "|")
	re := regexp.MustCompile(padded("(?:" + body + ")"))
	for _, e := range set.Entries {
		if !re.MatchString(e.Legend) { // a legend of another shape
			body += "|" + spelled(e.Legend, halfWidth)
		}
	}
	return padded(optional(body, blankOK))
}

// spelled matches s written with any characters that fold (by fold) to
// its characters.
func spelled(s string, fold func(rune) rune) string {
	var b strings.Builder
	for _, r := range s {
		var same []rune
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			for c := rune(0); c <= 0xFFFF; c++ {
				if fold(c) == r {
					same = append(same, c)
				}
			}
		}
		if len(same) <= 1 {
			b.WriteString(regexp.QuoteMeta(string(r)))
			continue
		}
		b.WriteString("[" + classBody(func(c rune) bool { return fold(c) == r }) + "]")
	}
	return b.String()
}

// halfWidth maps a full-width ASCII letter or digit to half width, as the
// decoder does before reading codes, dates, amounts and integers.
func halfWidth(r rune) rune {
	if (r >= 'Ａ' && r <= 'Ｚ') || (r >= 'ａ' && r <= 'ｚ') || (r >= '０' && r <= '９') {
		return r - 0xFEE0
	}
	return r
}
