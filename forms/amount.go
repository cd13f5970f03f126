package forms

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Amount is an exact decimal amount of money (亿元 or 万元 depending on the
// field) held as the text the user gave ("12.50"), so no precision is ever
// lost to binary floating point. The zero value means "not given".
type Amount string

// Bounds of an amount. Validation holds every amount to them; an amount in
// 亿元 or 万元 beyond its bound is almost always a number typed in the wrong
// unit, and a longer text is not an amount at all.
const (
	// MaxYiYuan is the largest amount in 亿元: 总投资 and 引进资金 of 附件4,
	// 总投资 of 附件5 (rule "amountmax").
	MaxYiYuan = 100000
	// MaxWanYuan is the largest amount in 万元: 到位资金 of 附件4 (rule
	// "amountmax"), MaxYiYuan 亿元 written in 万元.
	MaxWanYuan = MaxYiYuan * 10000
	// MaxAmountChars is the longest amount text, in characters; a longer one
	// is refused before it is parsed (rule "amount").
	MaxAmountChars = 30
	// maxAmountExponent bounds the exponent of an amount in exponent
	// notation (1e3), so that it never expands to a huge number of digits.
	maxAmountExponent = 30
	// maxAmountDecimals is how many decimals an amount may have.
	maxAmountDecimals = 4
)

// amountLimit returns the bound of an amount in unit ("亿元" or "万元"),
// the param of the "amountmax" rule.
func amountLimit(unit string) (int64, string) {
	if unit == "万元" {
		return MaxWanYuan, unit
	}
	return MaxYiYuan, "亿元"
}

// amountAtMost reports whether a valid amount (see amountProblem) is at
// most limit, a whole number up to 10^9; an invalid amount is the "amount"
// rule's to report, and passes. The comparison is exact without decimal
// arithmetic (and without allocating): a valid amount has at most four
// decimals, so one above limit exceeds it by at least 0.0001, far more
// than the rounding error of float64 near 10^9 (about 10^-7), and rounding
// to float64 never takes a number at most limit above it.
func amountAtMost(a Amount, limit int64) bool {
	if a.shapeProblem() != "" {
		return true
	}
	f, err := strconv.ParseFloat(string(a), 64)
	return err != nil || f <= float64(limit)
}

// Decimal parses the amount. A text longer than MaxAmountChars characters,
// or in exponent notation with an exponent beyond ±30, is an error without
// being parsed: it could not be a valid amount, and parsing (or printing)
// it would take time and memory out of proportion with the input.
func (a Amount) Decimal() (decimal.Decimal, error) {
	if text := a.shapeProblem(); text != "" {
		return decimal.Decimal{}, errors.New(text)
	}
	return decimal.NewFromString(string(a))
}

// shapeProblem says what makes the text too big to parse as an amount, or "".
func (a Amount) shapeProblem() string {
	s := string(a)
	if len(s) > MaxAmountChars { // bytes ≥ characters: only long texts are counted
		if n := utf8.RuneCountInString(s); n > MaxAmountChars {
			return fmt.Sprintf("%s不是有效的金额：不能超过%d个字符（现有%d个字符）", quote(s), MaxAmountChars, n)
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] == 'e' || s[i] == 'E' {
			if exp, err := strconv.Atoi(s[i+1:]); err == nil && (exp > maxAmountExponent || exp < -maxAmountExponent) {
				return quote(s) + "不是有效的金额：指数过大，请直接写出数字，如 12.5"
			}
			break
		}
	}
	return ""
}

// IsZero reports whether the amount was not given.
func (a Amount) IsZero() bool { return a == "" }

// String renders the amount plainly: no exponent, no thousands separator,
// trailing zeros trimmed ("12.50" → "12.5"). An invalid amount renders as typed.
func (a Amount) String() string {
	d, err := a.Decimal()
	if err != nil {
		return string(a)
	}
	return d.String()
}

// UnmarshalJSON accepts a JSON number (its literal text is kept exactly) or a
// numeric string.
func (a *Amount) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	switch {
	case s == "null":
		*a = ""
	case strings.HasPrefix(s, `"`):
		var t string
		if err := json.Unmarshal(b, &t); err != nil {
			return errWantNumber
		}
		*a = Amount(trimBlank(toHalfWidth(t)))
	case s == "true" || s == "false" || strings.HasPrefix(s, "{") || strings.HasPrefix(s, "["):
		return errWantNumber
	default:
		*a = Amount(s)
	}
	return nil
}

// MarshalJSON writes a valid amount as a JSON number and anything else as a string.
func (a Amount) MarshalJSON() ([]byte, error) {
	if a == "" {
		return []byte("null"), nil
	}
	if d, err := a.Decimal(); err == nil {
		return []byte(d.String()), nil
	}
	return json.Marshal(string(a))
}

// amountProblem says what is wrong with a given amount, or "" when it is a
// valid non-negative amount with at most four decimals.
func amountProblem(a Amount) (rule, text string) {
	if text := a.shapeProblem(); text != "" {
		return "amount", text
	}
	d, err := a.Decimal()
	if err != nil {
		return "amount", quote(string(a)) + "不是有效的金额，应为数字，如 12.5"
	}
	if d.IsNegative() {
		return "amount", quote(string(a)) + "不能为负数"
	}
	if -d.Exponent() > maxAmountDecimals && !d.Equal(d.Round(maxAmountDecimals)) {
		return "amount", quote(string(a)) + "最多保留4位小数"
	}
	return "", ""
}
