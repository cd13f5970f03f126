package forms

import (
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/shopspring/decimal"
)

// TestNormalizeMatchesDecoding: a form built in Go with the spellings JSON
// accepts normalises to what decoding the same values gives.
func TestNormalizeMatchesDecoding(t *testing.T) {
	for _, id := range []ID{TaskListID, FollowupID, SigningID, LandingID, SupervisionID} {
		// Decoding keeps an amount as typed ("3.0"); Normalize writes it
		// plainly ("3"), so the example is normalised too.
		want := mustParse(t, id, example(t, id))
		if err := Normalize(want); err != nil {
			t.Fatal(err)
		}
		// The same form with its values respelt as a clerk's database may hold them.
		got := mustParse(t, id, example(t, id))
		respell(reflect.ValueOf(got).Elem())
		if reflect.DeepEqual(got, want) {
			t.Fatalf("%s: respelling changed nothing; the test tests nothing", id)
		}
		if err := Normalize(got); err != nil {
			t.Fatalf("%s: Normalize: %v", id, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Normalize gave\n%+v\nwant\n%+v", id, got, want)
		}
		if err := Validate(got); err != nil {
			t.Errorf("%s: normalised form invalid: %v", id, err)
		}
	}
}

// respell rewrites every value of rv into another spelling that decoding
// accepts: codes by name, dates with slashes, 是/否 as "true"/"false",
// blanks around texts, CRLF in long texts, amounts with trailing zeros.
func respell(rv reflect.Value) {
	switch v := rv.Addr().Interface().(type) {
	case *Cooperation:
		*v = Cooperation(Cooperations().Entries[indexOf(Cooperations(), string(*v))].Name)
		return
	case *Industry:
		*v = Industry(string(*v) + "类—" + v.Name())
		return
	case *InvestorType:
		*v = InvestorType(v.Name())
		return
	case *Date:
		if *v != "" {
			*v = Date(strings.ReplaceAll(string(*v), "-", "/"))
		}
		return
	case *YesNo:
		if *v == Yes {
			*v = "true"
		}
		return
	case *Amount:
		if *v != "" && !strings.Contains(string(*v), ".") {
			*v += ".00"
		}
		return
	}
	switch rv.Kind() {
	case reflect.String:
		if s := rv.String(); s != "" {
			rv.SetString(" " + strings.ReplaceAll(s, "\n", "\r\n") + "\u3000")
		}
	case reflect.Struct:
		for i := 0; i < rv.NumField(); i++ {
			if rv.Type().Field(i).IsExported() {
				respell(rv.Field(i))
			}
		}
	case reflect.Slice:
		for i := 0; i < rv.Len(); i++ {
			respell(rv.Index(i))
		}
	}
}

func indexOf(set CodeSet, code string) int {
	for i, e := range set.Entries {
		if e.Code == code {
			return i
		}
	}
	return 0
}

func TestNormalizeKeepsWhatItCannotFix(t *testing.T) {
	f := &Supervision{Date: "明天", Target: "x"}
	if err := Normalize(f); err != nil {
		t.Fatal(err)
	}
	if f.Date != "明天" {
		t.Errorf("Date = %q, want it kept for Validate to quote", f.Date)
	}
	if err := Normalize(nil); err == nil {
		t.Error("Normalize(nil) = nil")
	}
	if err := Normalize((*Signing)(nil)); err == nil {
		t.Error("Normalize of a nil pointer = nil")
	}
}

func TestValueParsers(t *testing.T) {
	type tc struct {
		got  func() (string, error)
		want string // "" = an error
	}
	str := func(v any, err error) (string, error) { return reflect.ValueOf(v).String(), err }
	for i, c := range []tc{
		{func() (string, error) { return str(ParseCooperation("合资")) }, "A"},
		{func() (string, error) { return str(ParseCooperation("Ｂ—合作")) }, "B"},
		{func() (string, error) { return str(ParseCooperation("F")) }, ""},
		{func() (string, error) { return str(ParseIndustry("A类")) }, "A"},
		{func() (string, error) { return str(ParseIndustry("能源与城市基础设施")) }, "B"},
		{func() (string, error) { return str(ParseInvestorType("C类—境外投资者投资")) }, "C"},
		{func() (string, error) { return str(ParseInvestorType("外资")) }, ""},
		{func() (string, error) { return str(ParseSignType("协议")) }, "协议"},
		{func() (string, error) { return str(ParseSignType("A")) }, ""},
		{func() (string, error) { return str(ParseDate("2026/11/26")) }, "2026-11-26"},
		{func() (string, error) { return str(ParseDate("2026年1月5日")) }, "2026-01-05"},
		{func() (string, error) { return str(ParseDate("2026-02-30")) }, ""},
		{func() (string, error) { return str(ParseDate("1900-01-01")) }, ""},
		{func() (string, error) { return str(ParseYesNo("true")) }, "是"},
		{func() (string, error) { return str(ParseYesNo(" 否 ")) }, "否"},
		{func() (string, error) { return str(ParseYesNo("maybe")) }, ""},
		{func() (string, error) { return str(ParseAmount("１２.５０")) }, "12.50"},
		{func() (string, error) { return str(ParseAmount("-1")) }, ""},
		{func() (string, error) { return str(ParseAmount("1.23456")) }, ""},
		{func() (string, error) { return string(AmountOf(decimal.RequireFromString("12.50"))), nil }, "12.5"},
		{func() (string, error) { return string(YesNoOf(false)), nil }, "否"},
	} {
		got, err := c.got()
		switch {
		case c.want == "" && err == nil:
			t.Errorf("case %d: got %q, want an error", i, got)
		case c.want != "" && (err != nil || got != c.want):
			t.Errorf("case %d: got %q, %v, want %q", i, got, err, c.want)
		case err != nil && !strings.ContainsFunc(err.Error(), func(r rune) bool { return unicode.Is(unicode.Han, r) }):
			t.Errorf("case %d: error %q is not the Chinese message", i, err)
		}
	}
}
