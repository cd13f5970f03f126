package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/forms"
)

// slot is a place in a decoded input that a mutation may change.
type slot struct {
	parent any // map[string]any or []any
	key    string
	index  int
}

func (s slot) get() any {
	if m, ok := s.parent.(map[string]any); ok {
		return m[s.key]
	}
	return s.parent.([]any)[s.index]
}

func (s slot) set(v any) {
	if m, ok := s.parent.(map[string]any); ok {
		m[s.key] = v
		return
	}
	s.parent.([]any)[s.index] = v
}

// slots lists every place below (and including) the value in s.
func slots(s slot, out []slot) []slot {
	out = append(out, s)
	switch v := s.get().(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys) // map order must not make the test random
		for _, k := range keys {
			out = slots(slot{parent: v, key: k}, out)
		}
	case []any:
		for i := range v {
			out = slots(slot{parent: v, index: i}, out)
		}
	}
	return out
}

// pool are replacement values of every JSON type and many spellings.
var pool = []string{
	`null`, `true`, `false`, `0`, `-1`, `1.5`, `3`, `2147483649`, `1e40`, `-0.0`, `100001`, `""`, `" "`, `"x"`, `"是"`,
	`"否"`, `"TRUE"`, `"2026-13-45"`, `"2026/11/26"`, `"2026年2月30日"`, `"A"`, `"合资"`, `"F"`, `"12.5"`, `"-5"`, `"1e5"`,
	`"三"`, `"abc\n"`, `"a\tb"`, `"\u0007"`, `[]`, `["x"]`, `[null]`, `[""]`, `{}`, `{"x": 1}`, `{"name": "x"}`,
	`{"list": "世界500强", "year": 2025, "rank": 1}`, `"湖南省"`, `"长沙市"`, `"91430300MA4L12345L"`, `"13807320001"`,
}

// keys are key names to add: unknown ones and known ones at the wrong level.
var keys = []string{"zz", "Name", "orders", "text", "name", "rows", "projects", "no", "list", "city", "unit", "problems"}

func poolValue(rng *rand.Rand) any {
	var v any
	if err := json.Unmarshal([]byte(pool[rng.IntN(len(pool))]), &v); err != nil {
		panic(err)
	}
	return v
}

// mutate changes the input in root (a holder {"": input}) once, at random.
func mutate(rng *rand.Rand, root map[string]any) {
	all := slots(slot{parent: root, key: ""}, nil)
	s := all[rng.IntN(len(all))]
	switch v := s.get().(type) {
	case map[string]any:
		switch rng.IntN(3) {
		case 0:
			if len(v) > 0 {
				ks := make([]string, 0, len(v))
				for k := range v {
					ks = append(ks, k)
				}
				slices.Sort(ks)
				delete(v, ks[rng.IntN(len(ks))])
				return
			}
		case 1:
			v[keys[rng.IntN(len(keys))]] = poolValue(rng)
			return
		}
	case []any:
		switch rng.IntN(4) {
		case 0: // grow by copies of an item
			if len(v) > 0 {
				n := []int{1, 5, 50, 100}[rng.IntN(4)]
				for range n {
					v = append(v, clone(v[rng.IntN(len(v))]))
				}
				s.set(v)
				return
			}
		case 1:
			s.set([]any{})
			return
		case 2:
			s.set(append(v, []any{nil, "", "  "}[rng.IntN(3)]))
			return
		}
	case string:
		switch rng.IntN(3) {
		case 0:
			n := []int{40, 60, 100, 500, 2000}[rng.IntN(5)]
			s.set(v + strings.Repeat("字", max(0, n-len([]rune(v)))+rng.IntN(3)))
			return
		case 1:
			pads := []string{" ", "\u3000", "\r\n", "\n", "\t", "\u0085", "\u00a0"}
			p := pads[rng.IntN(len(pads))]
			s.set([]string{p + v + p, v + p + v, p + v}[rng.IntN(3)])
			return
		}
	}
	s.set(poolValue(rng))
}

func clone(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// (e) Random mutations of the examples: the schema never refuses what
// Parse accepts. The other way round is expected for what the schema
// leaves to Parse (see the package doc); a key Parse calls unknown must
// always be refused by the schema too.
func TestMutationsNeverStricter(t *testing.T) {
	rounds := 800
	if testing.Short() {
		rounds = 150
	}
	rng := rand.New(rand.NewPCG(2026, 1126))
	looser := map[string]int{} // Parse rule → inputs the schema accepts
	sample := map[string]string{}
	total, parseRefused := 0, 0
	for _, id := range formIDs() {
		base := example(t, id)
		if id == forms.SupervisionID {
			base = decodeDoc(t, []byte(`[`+mustExample(id)+`]`)) // mutate a batch too
		}
		for i := range rounds {
			root := map[string]any{"": clone(base.v)}
			if id == forms.SupervisionID && i%2 == 0 {
				root[""] = clone(base.v.([]any)[0])
			}
			for range 1 + rng.IntN(3) {
				mutate(rng, root)
			}
			in := (&doc{t, root[""]}).bytes()
			total++
			errs := parseErrors(id, in)
			err := schemaErr(t, id, in)
			if errs != nil {
				parseRefused++
			}
			switch {
			case err != nil && errs == nil:
				t.Errorf("%s: the schema refuses what Parse accepts:\n%v\ninput: %s", id, err, cut(string(in), 2000))
			case err == nil && errs != nil:
				for _, e := range errs {
					looser[e.Rule]++
					if _, ok := sample[e.Rule]; !ok {
						sample[e.Rule] = fmt.Sprintf("%s %s: %s", id, e.Path, cut(string(in), 300))
					}
					if e.Rule == "unknown" || e.Rule == "type" && types[genericPath(e.Path)] != "整数" {
						t.Errorf("%s: the schema misses a structural error: %s\ninput: %s", id, e.Message, cut(string(in), 2000))
					}
				}
			}
		}
	}
	if parseRefused < total/3 || parseRefused == total {
		t.Errorf("Parse refuses %d of %d mutations: they do not test both ways", parseRefused, total)
	}
	rules := make([]string, 0, len(looser))
	for r := range looser {
		rules = append(rules, r)
	}
	slices.Sort(rules)
	for _, r := range rules {
		t.Logf("the schema leaves to Parse rule %q %d times, e.g. %s", r, looser[r], sample[r])
	}
}

// types maps the generic paths of every form to their type names.
var types = func() map[string]string {
	out := map[string]string{}
	for _, in := range forms.All() {
		for _, f := range Fields(in.ID) {
			out[f.Path] = f.Type
		}
	}
	return out
}()

// genericPath turns an error's path into a Fields path: "rows[2].no" →
// "rows[].no", and "[1].to" (an order of a batch) → "to".
func genericPath(p string) string {
	p = regexp.MustCompile(`\[\d+\]`).ReplaceAllString(p, "[]")
	return strings.TrimPrefix(p, "[].")
}

// parseErrors returns Parse's errors, or nil when it accepts.
func parseErrors(id forms.ID, input []byte) forms.Errors {
	_, err := forms.Parse(id, input)
	var list forms.Errors
	if err != nil && !errors.As(err, &list) {
		return forms.Errors{{Rule: "?", Message: err.Error()}}
	}
	return list
}
