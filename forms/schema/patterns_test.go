package schema

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/zsdoc/zsdoc/forms"
)

// oracle puts each value at path in the example of form id and compares
// the schema with Parse: never may the schema refuse what Parse accepts;
// when exact, it must also refuse what Parse refuses.
func oracle(t *testing.T, id forms.ID, path string, values []any, exact bool) {
	t.Helper()
	base := small(t, id)
	old := base.get(path)
	accepted := 0
	for _, v := range values {
		in := base.set(path, v).bytes()
		base.set(path, old)
		parseOK := parseRules(id, in) == nil
		schemaOK := schemaErr(t, id, in) == nil
		if parseOK {
			accepted++
		}
		switch {
		case parseOK && !schemaOK:
			t.Errorf("%s %s = %#v: Parse accepts it, the schema does not", id, path, v)
		case exact && schemaOK && !parseOK:
			t.Errorf("%s %s = %#v: the schema accepts it, Parse gives %v", id, path, v, parseRules(id, in))
		}
	}
	if accepted == 0 || accepted == len(values) {
		t.Errorf("%s %s: Parse accepts %d of %d values: the test cannot tell", id, path, accepted, len(values))
	}
}

// small returns the example of form id cut to one row and, for 附件4, to
// the first investor's first two projects: quick to decode many times.
func small(t *testing.T, id forms.ID) *doc {
	d := example(t, id)
	if rows, ok := d.get("rows").([]any); ok {
		d.set("rows", rows[:1])
	}
	if id == forms.SigningID {
		d.set("rows.0.projects", d.get("rows.0.projects").([]any)[:2])
	}
	return d
}

// The blanks the schema lets stand around a text are exactly those that
// decoding trims: a 60-character unit with r on both sides is valid only
// when r is trimmed.
func TestBlankClass(t *testing.T) {
	var values []any
	for r := rune(0); r <= 0x3100; r++ {
		if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.In(r, unicode.Zs, unicode.Cf) {
			values = append(values, string(r)+long(60)+string(r))
		}
	}
	oracle(t, forms.TaskListID, "unit", values, true)
}

// The code patterns are exact: they match what the decoder maps to a code.
func TestCodePatterns(t *testing.T) {
	seps := []string{"—", "-", "–", "－", "―", "~", "～", ":", "：", "、", ".", " ", "\t", "/", "_", "|", "\u3000", "—\u3000", "- ", " —— ", "\n"}
	pads := []string{"", " ", "\u3000", "\t\n"}
	sets := map[string]forms.CodeSet{
		"signType": forms.SignTypes(), "cooperation": forms.Cooperations(),
		"industry": forms.Industries(), "investorType": forms.InvestorTypes(),
	}
	for key, set := range sets {
		var cores []string
		for _, e := range set.Entries {
			code := e.Code
			cores = append(cores, code, strings.ToLower(code), toFullWidth(code), toFullWidth(strings.ToLower(code)),
				code+"类", code+" 类", e.Name, e.Legend, e.Name+"类", code+code, e.Name+code, "类"+code)
			for _, sep := range seps {
				cores = append(cores, code+sep+e.Name, code+"类"+sep+e.Name, code+sep+sep+e.Name, strings.ToLower(code)+sep+" "+e.Name)
			}
		}
		cores = append(cores, "F", "X类", "合资企业", "制造业", "", "其它", "合同签约")
		var values []any
		for _, c := range cores {
			for _, p := range pads {
				values = append(values, p+c+p)
			}
		}
		t.Run(key, func(t *testing.T) { oracle(t, forms.SigningID, "rows.0.projects.0."+key, values, true) })
	}
}

func toFullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r + 0xFEE0
		}
		return r
	}, s)
}

// The 是/否 patterns are exact.
func TestYesNoPatterns(t *testing.T) {
	var values []any
	for _, c := range []string{"是", "否", "true", "TRUE", "True", "tRUe", "false", "FALSE", "fAlse", "yes", "no", "1", "0",
		"", "对", "真", "truee", "t", "是否", "ｔｒｕｅ", "\u0130"} {
		for _, p := range []string{"", " ", "\u3000", "\n"} {
			values = append(values, p+c+p)
		}
	}
	values = append(values, true, false, raw(`null`), 1, raw(`[]`))
	oracle(t, forms.SigningID, "rows.0.projects.0.firstTime", values, true)  // required
	oracle(t, forms.SigningID, "rows.0.projects.1.producing", values, false) // optional
}

// Dates: every spelling Parse accepts matches (the calendar is Parse's).
func TestDatePatterns(t *testing.T) {
	years := []string{"2026", "２０２６", "1949", "2100", "202", "20266", "+202", "1948"}
	seps := []string{"-", "/", ".", "年", "月", "－", "／", " ", "", "--"}
	parts := []string{"1", "01", "+1", "001", "0001", "00001", "12", "13", "0", "-1", "１１", "+", "1a", "２8"}
	ends := []string{"", "日", "日日", " 日", "号"}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	var values []any
	for range 3000 {
		values = append(values, pick(years)+pick(seps)+pick(parts)+pick(seps)+pick(parts)+pick(ends))
	}
	values = append(values, "2026-11-26", " 2026年11月26日 ", "2026.1.5", "2026年11月26", "2026-11-26日", "26/11/2026", "")
	oracle(t, forms.SupervisionID, "date", values, false)
	oracle(t, forms.SupervisionID, "issueDate", values, false)
}

// Amounts: every text and number Parse accepts matches.
func TestAmountPatterns(t *testing.T) {
	tokens := []string{"0", "1", "5", "０", "９", "+", "-", "−", ".", "e", "E", "ｅ", " ", "\u3000", "_", "x", "1e5", "2.50"}
	var values []any
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		values = append(values, prefix)
		if n == 0 {
			return
		}
		for _, tok := range tokens {
			gen(prefix+tok, n-1)
		}
	}
	gen("", 3)
	for _, n := range []string{"0", "-0", "1e5", "1E-2", "100000", "100000.0001", "1e400", "-0.0", "0.0001", "12.50"} {
		values = append(values, raw(n))
	}
	oracle(t, forms.LandingID, "rows.0.totalInvestment", values, false)                // > 0, required
	oracle(t, forms.SigningID, "rows.0.projects.1.fundsInPlace", values[:2000], false) // ≥ 0, optional
}

// Integers: every text and number Parse accepts matches.
func TestIntPatterns(t *testing.T) {
	var values []any
	for _, s := range []string{"3", "３", " 3 ", "+3", "-0", "3.0", "1e2", "0x1p4", "1_000", "", "  ", "三", "3a", "a3",
		"-1", "2147483648", "2147483649", ".5e1", "0", "inf", "NaN", "１ｅ２", "0X1P4", "0x.8p1", "0x_1p0", "1e+2", "+.5e1",
		"-0e5", "1.5e1", "3.", ".0", "１_０００", "1__0", "_1", "1_", "3.0000000000000001", "-1e-400", "0x10", "12.5",
		"91430300MA4L12345L", "1e", "0b101", "0o17", "Infinity"} {
		values = append(values, s)
	}
	for _, n := range []string{"3", "3.0", "-0", "1e2", "2147483648", "2147483649", "-1", "1.5", "0", "null"} {
		values = append(values, raw(n))
	}
	oracle(t, forms.TaskListID, "rows.0.no", values, false)
	oracle(t, forms.SigningID, "rows.0.top500.rank", values, false)
}

// The one place the schema is stricter than Parse (see the package doc):
// the decoder reads integers through float64. When Parse stops accepting
// 3.0000000000000001 as 3, drop the note from doc.go and this test.
func TestIntegerRounding(t *testing.T) {
	for _, v := range []string{"3.0000000000000001", "1e-400", "2.99999999999999999"} {
		in := example(t, forms.TaskListID).set("rows.0.no", raw(v)).bytes()
		if rules := parseRules(forms.TaskListID, in); rules == nil {
			t.Errorf("Parse takes %s as an integer: float64 rounded it", v)
		}
		if schemaErr(t, forms.TaskListID, in) == nil {
			t.Errorf("the schema takes %s as an integer", v)
		}
	}
	for _, v := range []string{"3", "3.0", "3e0", "30e-1"} {
		in := example(t, forms.TaskListID).set("rows.0.no", raw(v)).bytes()
		if rules := parseRules(forms.TaskListID, in); rules != nil {
			t.Errorf("Parse refuses the integer %s: %v", v, rules)
		}
	}
}

// Every pattern uses only syntax that ECMA-262 reads as RE2 does.
func TestPatternSyntax(t *testing.T) {
	var patterns []string
	var visit func(v any)
	visit = func(v any) {
		switch t := v.(type) {
		case map[string]any:
			for k, c := range t {
				if p, ok := c.(string); ok && k == "pattern" {
					patterns = append(patterns, p)
				}
				visit(c)
			}
		case []any:
			for _, c := range t {
				visit(c)
			}
		}
	}
	for _, id := range formIDs() {
		visit(must(For(id)))
	}
	if len(patterns) < 20 {
		t.Fatalf("found %d patterns", len(patterns))
	}
	for _, p := range patterns {
		if err := checkPortable(p); err != nil {
			t.Error(err)
		}
	}
	for _, bad := range []string{`\d`, `\s`, `\w`, `\x{41}`, `\pL`, `(?i)a`, `\z`} {
		if checkPortable(bad) == nil {
			t.Errorf("checkPortable lets %q through", bad)
		}
	}
}

// checkPortable refuses escapes and flags whose meaning differs between
// RE2 and ECMA-262 (Unicode \d \s \w, \x{…}, \p, inline flags, \z).
func checkPortable(p string) error {
	for i := 0; i < len(p); i++ {
		if strings.HasPrefix(p[i:], "(?") && !strings.HasPrefix(p[i:], "(?:") {
			return fmt.Errorf("pattern %q: inline flags", p)
		}
		if p[i] != '\\' || i+1 == len(p) {
			continue
		}
		i++
		switch c := p[i]; {
		case c == 'x':
			if i+2 >= len(p) || p[i+1] == '{' {
				return fmt.Errorf("pattern %q: \\x must have two hex digits", p)
			}
		case strings.IndexByte(`tnr\-.+*?()[]{}|^$/`, c) < 0:
			return fmt.Errorf("pattern %q: escape \\%c", p, c)
		}
	}
	return nil
}
