package forms

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// usccCharset is the alphabet of the 统一社会信用代码 (GB 32100-2015): no I, O, Z, S, V.
const usccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// USCCCheckChar computes the 18th character of a 统一社会信用代码 from its
// first 17. ok is false when the input is not 17 characters of the charset.
func USCCCheckChar(first17 string) (byte, bool) {
	if len(first17) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(usccCharset, first17[i])
		if v < 0 {
			return 0, false
		}
		sum += v * usccWeights[i]
	}
	r := 31 - sum%31
	if r == 31 {
		r = 0
	}
	return usccCharset[r], true
}

// ValidUSCC reports whether s is a valid 统一社会信用代码: 18 characters of
// the GB 32100-2015 charset with a correct check character.
func ValidUSCC(s string) bool {
	return usccProblem(s) == ""
}

// usccProblem explains what is wrong with a code, or returns "".
func usccProblem(s string) string {
	if n := utf8.RuneCountInString(s); n != 18 {
		return fmt.Sprintf("应为18位，现为%d位", n)
	}
	i := 0
	for _, c := range s {
		i++
		if c >= utf8.RuneSelf || strings.IndexByte(usccCharset, byte(c)) < 0 {
			if c >= 'a' && c <= 'z' && strings.IndexByte(usccCharset, byte(c-'a'+'A')) >= 0 {
				return fmt.Sprintf("第%d位“%c”应为大写字母", i, c)
			}
			return fmt.Sprintf("第%d位“%c”不是允许的字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）", i, c)
		}
	}
	want, _ := USCCCheckChar(s[:17])
	if s[17] != want {
		return fmt.Sprintf("校验位不正确（第18位应为“%c”），请核对是否抄错", want)
	}
	return ""
}

var (
	mobileRe   = regexp.MustCompile(`^(?:\+?86[- ]?)?1[3-9]\d{9}$`)
	landlineRe = regexp.MustCompile(`^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$`)
)

// ValidPhone reports whether s is a mainland mobile number (1[3-9]\d{9},
// optionally +86) or a landline with area code (0\d{2,3}-?\d{7,8}) and an
// optional extension (-123). Blanks inside are ignored.
func ValidPhone(s string) bool {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' {
			return -1
		}
		return r
	}, toHalfWidth(s))
	return mobileRe.MatchString(s) || landlineRe.MatchString(s)
}

// HunanCities are the 14 市州 of Hunan province, in official order.
var hunanCities = [...]string{
	"长沙市", "株洲市", "湘潭市", "衡阳市", "邵阳市", "岳阳市", "常德市",
	"张家界市", "益阳市", "郴州市", "永州市", "怀化市", "娄底市", "湘西土家族苗族自治州",
}

// HunanCities returns the 14 市州 of Hunan province, in official order.
func HunanCities() []string { return append([]string(nil), hunanCities[:]...) }

// validHunanCity reports whether s is one of Hunan's 14 市州.
func validHunanCity(s string) bool {
	for _, c := range hunanCities {
		if s == c {
			return true
		}
	}
	return false
}

// XiangtanLocations are the suggestions for 项目所在地 (free text is allowed).
func XiangtanLocations() []string {
	return []string{"雨湖区", "岳塘区", "湘潭县", "湘乡市", "韶山市", "湘潭高新区", "湘潭经开区",
		"昭山示范区", "湘潭综合保税区", "湘潭天易经开区"}
}

// controlProblem returns the position (1-based, in characters) and code
// point of the first character that may not appear in a form's text:
// control characters other than \n and \t, the Unicode noncharacters, and
// bytes that are not UTF-8. XML 1.0 forbids most of these, so a DOCX could
// not hold them, and they print as nothing. The multi-line fields (the
// long texts) are checked with it: rule "nocontrol".
func controlProblem(s string) (pos int, r rune, bad bool) {
	return textProblem(s, false)
}

// onelineProblem is controlProblem for a one-line field (every text field
// but the long texts): a line break or a tab is a problem there too, as
// breaksLine says. Rule "oneline".
func onelineProblem(s string) (pos int, r rune, bad bool) {
	return textProblem(s, true)
}

// breaksLine reports whether r ends a line or is a tab: CR, LF, TAB, NEL
// (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029).
func breaksLine(r rune) bool {
	switch r {
	case '\n', '\r', '\t', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

func textProblem(s string, oneLine bool) (pos int, r rune, bad bool) {
	i := 0
	for off, c := range s {
		i++
		switch {
		case oneLine && breaksLine(c):
			return i, c, true
		case c == '\n' || c == '\t':
		case c == utf8.RuneError && !strings.HasPrefix(s[off:], "\uFFFD"):
			return i, c, true
		case unicode.IsControl(c), c >= 0xFDD0 && c <= 0xFDEF, c&0xFFFE == 0xFFFE, // noncharacters
			c >= 0xD800 && c <= 0xDFFF: // surrogates (category Cs)
			return i, c, true
		}
	}
	return 0, 0, false
}

// controlText is the message of a control character at position pos.
func controlText(pos int, r rune) string {
	return fmt.Sprintf("第%d个字是不可见的控制字符（U+%04X），请删除后重新填写", pos, r)
}

// maxQuoted is how many characters of a value a message quotes.
const maxQuoted = 50

// quote quotes a value for a message: “value”, cut after maxQuoted
// characters (“…”) so that a huge value gives a short message.
func quote(s string) string {
	if len(s) > maxQuoted { // bytes ≥ characters: only long texts are counted
		n := 0
		for off := range s {
			if n == maxQuoted {
				return "“" + s[:off] + "…”"
			}
			n++
		}
	}
	return "“" + s + "”"
}

// badYearBrackets finds a year in brackets other than the 六角括号 〔〕.
var badYearBrackets = regexp.MustCompile(`[\[［(（【{｛<《]\s*\d{4}\s*[\]］)）】}｝>》]`)

// validDocNumber checks a document number against GB/T 9704 §7.2.4: the year
// in 〔〕 and no 第 before the number ("督办〔2026〕12号").
func validDocNumber(s string) bool {
	return !strings.Contains(s, "第") && !badYearBrackets.MatchString(toHalfWidth(s))
}
