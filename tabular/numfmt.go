package tabular

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// fmtClass says how a number format shows a number.
type fmtClass uint8

const (
	classNumber fmtClass = iota // as a number
	classDate                   // as a date, with or without a time of day
	classTime                   // as a time of day only
)

// builtinClass classifies the built-in number formats (ids below 164, not
// written in the workbook). Ids 27–36 and 50–58 are locale-dependent; they
// are classified as Excel in Chinese (zh-CN) defines them, where 32–35, 55
// and 56 are times of day and the others dates.
func builtinClass(id int) fmtClass {
	switch {
	case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 31, id == 36,
		id >= 50 && id <= 54, id == 57, id == 58:
		return classDate
	case id >= 18 && id <= 21, id >= 32 && id <= 35, id >= 45 && id <= 47, id == 55, id == 56:
		return classTime
	}
	return classNumber
}

// classifyFormat classifies a number format code by the tokens of its first
// section, outside quoted text, escapes and [..] brackets: a year or day
// token (y, d) makes a date; otherwise an hour or second token (h, s, or an
// elapsed [h], [mm], [ss]) a time; otherwise a month token (m) a date.
// AM/PM markers are ignored.
func classifyFormat(code string) fmtClass {
	var date, clock, month bool
	lower := strings.ToLower(code)
	for i := 0; i < len(lower); i++ {
		switch c := lower[i]; c {
		case ';':
			i = len(lower) // only the first section
		case '"':
			if j := strings.IndexByte(lower[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(lower)
			}
		case '\\', '_', '*':
			i++ // the next character is literal, or padding
		case '[':
			j := strings.IndexByte(lower[i:], ']')
			if j < 0 {
				i = len(lower)
				break
			}
			if inner := lower[i+1 : i+j]; inner != "" && strings.Trim(inner, "hms") == "" {
				clock = true // elapsed time: [h], [mm], [ss]
			}
			i += j
		case 'a':
			if strings.HasPrefix(lower[i:], "am/pm") {
				i += len("am/pm") - 1
			} else if strings.HasPrefix(lower[i:], "a/p") {
				i += len("a/p") - 1
			}
		case 'y', 'd':
			date = true
		case 'h', 's':
			clock = true
		case 'm':
			month = true
		}
	}
	switch {
	case date:
		return classDate
	case clock:
		return classTime
	case month:
		return classDate
	}
	return classNumber
}

// Serial-date bounds: 9999-12-31 in either date system.
const (
	maxSerial1900 = 2958465
	maxSerial1904 = 2957003
)

// serialText renders a stored number shown by a date or time format: the
// date as "2026-11-26", with " 14:30:00" when it has a time of day (to the
// nearest second), or the time alone for classTime. ok is false for a
// number that is no date (negative, too large, or before the 1900 system's
// day 1): Excel shows such a cell as ####.
func serialText(v float64, class fmtClass, date1904 bool) (text string, ok bool) {
	if math.IsNaN(v) || v < 0 || v >= maxSerial1900+1 {
		return "", false
	}
	days := math.Floor(v)
	secs := math.Round((v - days) * 86400)
	if secs >= 86400 {
		days, secs = days+1, 0
	}
	clock := fmt.Sprintf("%02d:%02d:%02d", int(secs)/3600, int(secs)/60%60, int(secs)%60)
	if class == classTime {
		return clock, true
	}
	date, ok := serialDate(int(days), date1904)
	if !ok {
		return "", false
	}
	if secs == 0 {
		return date, true
	}
	return date + " " + clock, true
}

// serialDate returns the ISO date of a day number. In the 1900 date system
// day 1 is 1900-01-01 and day 60 is 1900-02-29, a day that never was (Lotus
// 1-2-3 took 1900 for a leap year and Excel keeps the bug), so from day 61
// on the day numbers count from 1899-12-30. In the 1904 system day 0 is
// 1904-01-01.
func serialDate(days int, date1904 bool) (string, bool) {
	var t time.Time
	switch {
	case date1904:
		if days > maxSerial1904 {
			return "", false
		}
		t = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
	case days < 1 || days > maxSerial1900:
		return "", false
	case days == 60:
		return "1900-02-29", true
	case days < 60:
		t = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
	default:
		t = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
	}
	return t.Format("2006-01-02"), true
}

// isoDateText renders the value of a t="d" cell (an ISO 8601 date-time) as
// a Date's Text.
func isoDateText(s string) (string, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			t = t.Round(time.Second)
			if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
				return t.Format("2006-01-02"), true
			}
			return t.Format("2006-01-02 15:04:05"), true
		}
	}
	return "", false
}

// maxDigits is the precision Excel keeps and shows: 15 significant digits.
const maxDigits = 15

// numberText renders a stored number as Excel's General format shows it,
// without an exponent: the stored text when it is a plain decimal of at
// most 15 significant digits (leading zeros, trailing fractional zeros and
// a plus sign dropped), else the value rounded to 15 significant digits
// ("0.30000000000000004" → "0.3", "1.5E+20" →
// "150000000000000000000"). ok is false when raw is no decimal number.
func numberText(raw string) (string, bool) {
	neg, intPart, frac, hasExp, ok := splitNumber(raw)
	if !ok {
		return "", false
	}
	if !hasExp {
		intPart = strings.TrimLeft(intPart, "0")
		frac = strings.TrimRight(frac, "0")
		if sig := len(strings.TrimLeft(intPart+frac, "0")); sig <= maxDigits {
			if intPart == "" {
				intPart = "0"
			}
			s := intPart
			if frac != "" {
				s += "." + frac
			}
			if neg && s != "0" {
				s = "-" + s
			}
			return s, true
		}
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsInf(v, 0) {
		return "", false
	}
	if v == 0 {
		return "0", true
	}
	e := strconv.FormatFloat(math.Abs(v), 'e', maxDigits-1, 64) // d.dddddddddddddde±XX
	mant, expText, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expText)
	digits := strings.TrimRight(strings.Replace(mant, ".", "", 1), "0")
	var s string
	switch point := exp + 1; {
	case point <= 0:
		s = "0." + strings.Repeat("0", -point) + digits
	case point >= len(digits):
		s = digits + strings.Repeat("0", point-len(digits))
	default:
		s = digits[:point] + "." + digits[point:]
	}
	if v < 0 {
		s = "-" + s
	}
	return s, true
}

// splitNumber parses [+-]digits[.digits][(e|E)[+-]digits], with at least
// one digit in the mantissa.
func splitNumber(s string) (neg bool, intPart, frac string, hasExp, ok bool) {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg, s = s[0] == '-', s[1:]
	}
	n := digitRun(s)
	intPart, s = s[:n], s[n:]
	if s != "" && s[0] == '.' {
		n = digitRun(s[1:])
		frac, s = s[1:1+n], s[1+n:]
	}
	if intPart == "" && frac == "" {
		return false, "", "", false, false
	}
	if s != "" && (s[0] == 'e' || s[0] == 'E') {
		s = s[1:]
		if s != "" && (s[0] == '+' || s[0] == '-') {
			s = s[1:]
		}
		if n = digitRun(s); n == 0 {
			return false, "", "", false, false
		}
		s, hasExp = s[n:], true
	}
	return neg, intPart, frac, hasExp, s == ""
}

func digitRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
