package forms

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/shopspring/decimal"
)

// Normalize applies to a form built in Go the rules that decoding applies
// to JSON input, so that a form filled from a database reads like one sent
// as JSON: codes given by name become codes (Cooperation "合资" → "A"),
// dates in the accepted spellings become ISO ("2026/11/26" → "2026-11-26"),
// 是/否 given as "true"/"false" become Yes/No, amounts are written plainly,
// blanks around texts are trimmed, CRLF and CR in long texts become "\n",
// and a TextList item holding several lines becomes several items. It does
// not validate: call Validate (or docgen.Render, which does) after it.
//
// Normalize works by encoding f to JSON and decoding it back, so it is
// exactly the JSON rules; a value that cannot be normalised is left as
// given, for Validate to report. f must be a non-nil form pointer.
func Normalize(f Form) error {
	rv := reflect.ValueOf(f)
	if f == nil || rv.Kind() != reflect.Pointer || rv.IsNil() {
		return errors.New("forms.Normalize: need a non-nil form pointer")
	}
	data, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("forms.Normalize: %w", err)
	}
	fresh := reflect.New(rv.Type().Elem())
	var c collector
	decode(data, fresh.Elem(), &c)
	if err := c.errors(false).errOrNil(); err != nil {
		return err
	}
	rv.Elem().Set(fresh.Elem())
	return nil
}

// ParseSignType returns the 签约类型 named by s: "合同" or "协议".
func ParseSignType(s string) (SignType, error) {
	c, err := parseCode(s, signTypeSet)
	return SignType(c), err
}

// ParseCooperation returns the 合作方式 named by s: its code ("A"), its name
// ("合资") or both ("A—合资", "A-合资").
func ParseCooperation(s string) (Cooperation, error) {
	c, err := parseCode(s, cooperationSet)
	return Cooperation(c), err
}

// ParseIndustry returns the 产业类别 named by s: "A", "A类", "工业制造业"
// or "A类—工业制造业".
func ParseIndustry(s string) (Industry, error) {
	c, err := parseCode(s, industrySet)
	return Industry(c), err
}

// ParseInvestorType returns the 投资方类别 named by s: "A", "A类",
// "央企投资" or "A类—央企投资".
func ParseInvestorType(s string) (InvestorType, error) {
	c, err := parseCode(s, investorTypeSet)
	return InvestorType(c), err
}

func parseCode(s string, set CodeSet) (string, error) {
	code := set.normalize(s)
	if _, ok := set.lookup(code); !ok {
		return "", fmt.Errorf("%s不是有效的%s，应为 %s 之一", quote(s), set.Label, set.Codes())
	}
	return code, nil
}

// ParseDate returns the date written as "2026-11-26", "2026/11/26",
// "2026.11.26", "2026-1-5" or "2026年11月26日": a real calendar date from
// FirstDate to LastDate.
func ParseDate(s string) (Date, error) {
	d := Date(normalizeDate(trimBlank(s)))
	t, ok := parseISODate(string(d))
	if !ok || !inDateRange(t) {
		return "", fmt.Errorf("%s不是有效日期，应为 2026-11-26 这样的日期（%s 至 %s）", quote(s), FirstDate, LastDate)
	}
	return d, nil
}

// ParseYesNo returns the answer written as "是", "否", "true" or "false".
func ParseYesNo(s string) (YesNo, error) {
	var y YesNo
	b, _ := json.Marshal(s)
	if err := y.UnmarshalJSON(b); err != nil || (y != Yes && y != No) {
		return "", fmt.Errorf("%s不是有效值，应为“是”或“否”", quote(s))
	}
	return y, nil
}

// YesNoOf returns Yes for true and No for false.
func YesNoOf(b bool) YesNo {
	if b {
		return Yes
	}
	return No
}

// ParseAmount returns the amount written in s ("12.5", "１２.５"): not
// negative, at most four decimals (rule "amount"). The unit is the
// field's; the bounds of rule "amountmax" are checked by Validate.
func ParseAmount(s string) (Amount, error) {
	a := Amount(trimBlank(toHalfWidth(s)))
	if rule, text := amountProblem(a); rule != "" {
		return "", errors.New(text)
	}
	return a, nil
}

// AmountOf returns the amount d, written plainly ("12.5"). Validate
// refuses a negative amount or one with more than four decimals.
func AmountOf(d decimal.Decimal) Amount { return Amount(d.String()) }
