package forms

import (
	"encoding/json"
	"strings"

	"github.com/shopspring/decimal"
)

// Amount is an exact decimal amount of money (亿元 or 万元 depending on the
// field) held as the text the user gave ("12.50"), so no precision is ever
// lost to binary floating point. The zero value means "not given".
type Amount string

// maxAmountDecimals is how many decimals an amount may have.
const maxAmountDecimals = 4

// Decimal parses the amount.
func (a Amount) Decimal() (decimal.Decimal, error) {
	return decimal.NewFromString(string(a))
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
	d, err := a.Decimal()
	if err != nil {
		return "amount", "“" + string(a) + "”不是有效的金额，应为数字，如 12.5"
	}
	if d.IsNegative() {
		return "amount", "“" + string(a) + "”不能为负数"
	}
	if -d.Exponent() > maxAmountDecimals && !d.Equal(d.Round(maxAmountDecimals)) {
		return "amount", "“" + string(a) + "”最多保留4位小数"
	}
	return "", ""
}
