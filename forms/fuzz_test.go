package forms

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// knownRules are the machine codes a FieldError may carry.
var knownRules = map[string]bool{
	"required": true, "max": true, "min": true, "oneof": true, "uscc": true, "cnphone": true,
	"hunancity": true, "date": true, "amount": true, "amountpos": true, "amountmax": true, "yesno": true,
	"docnumber": true, "ltefield": true, "requires": true, "daterange": true, "unique": true,
	"top500": true, "nocontrol": true, "oneline": true, "type": true, "unknown": true, "duplicate": true,
	"unicode": true, "json": true, "truncated": true,
}

// wholeInputRules are the rules of the errors about the whole input, which
// have no path: not JSON, a root of the wrong type, an empty or too long
// batch, and the note that ends a truncated list.
var wholeInputRules = map[string]bool{"json": true, "type": true, "required": true, "max": true, "truncated": true}

// fuzzSeeds are inputs for the problems found in review: repeated keys,
// escaped lone surrogates, huge amounts and dates out of range, and more
// rows than allowed.
func fuzzSeeds() [][]byte {
	seeds := [][]byte{
		[]byte(`{"unit": "A", "unit": "B", "rows": [{"name": "x", "name": "y"}]}`),
		[]byte(`{"orders": [], "orders": [{"target": "x", "target": "y"}]}`),
		[]byte(`[{"date": "2026-11-26", "date": "2026-11-27"}]`),
		[]byte(`{"unit": "湘潭\ud800经开区", "rows": [{"tasks": ["a\udc00", "\ud83d\ude00"], "x\ud800": 1}]}`),
		[]byte(`{"rows": [{"top500": "\udbff", "projects": [{"totalInvestment": "1\ud800"}]}]}`),
		[]byte(`{"rows": [{"projects": [{"totalInvestment": 123456789, "introducedFunds": 1e-30, "fundsInPlace": 1000000000.0001}]}]}`),
		[]byte(`{"rows": [{"totalInvestment": "` + strings.Repeat("9", 40) + `"}]}`),
		[]byte(`{"date": "0000-01-01", "from": "1948-12-31", "to": "2101-01-01"}`),
		[]byte(`{"unit": "湘潭\n经开区", "rows": [{"name": "a\tb", "overview": "a\r\nb", "leader": "\u2028"}]}`),
		[]byte(`{"rows": [` + strings.Repeat(`{},`, MaxRows) + `{}]}`),
		[]byte(`{"rows": [` + strings.Repeat(`{"name": 1, "x": 2},`, 60) + `{}]}`),
	}
	return seeds
}

func FuzzParse(f *testing.F) {
	var seeds [][]byte
	for _, id := range formIDs {
		seeds = append(seeds, example(f, id), []byte(bases[id]))
	}
	files, _ := filepath.Glob("testdata/*/*.json")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, data)
	}
	seeds = append(seeds, []byte(`[]`), []byte(`{"orders": null}`), []byte(`{"rows": [null, 1, "x", {}]}`),
		[]byte(`{"rows": [{"projects": [{"totalInvestment": 1e10000, "introducedFunds": 1e-10000}]}]}`),
		[]byte("{\"unit\": \"\xcf\xe6\"}"), []byte(`{"top500": {"list": "其他"}}`))
	seeds = append(seeds, fuzzSeeds()...)
	for _, data := range seeds {
		for i := range formIDs {
			f.Add(uint8(i), data)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		id := formIDs[int(which)%len(formIDs)]
		form, err := Parse(id, data)
		if form == nil {
			t.Fatalf("Parse(%s) returned no form (err %v)", id, err)
		}
		if err == nil {
			if verr := Validate(form); verr != nil {
				t.Fatalf("Parse accepted an input that Validate rejects: %v", verr)
			}
			// What was accepted is accepted again once written out.
			out, merr := json.Marshal(form)
			if merr != nil {
				t.Fatalf("Marshal of a valid form: %v", merr)
			}
			if _, err2 := Parse(id, out); err2 != nil {
				t.Fatalf("a valid form, written as %s, is rejected: %v", out, err2)
			}
			return
		}
		var list Errors
		if !errors.As(err, &list) {
			t.Fatalf("Parse(%s) error %T is not Errors: %v", id, err, err)
		}
		if len(list) == 0 {
			t.Fatal("empty Errors returned as an error")
		}
		if len(list) > MaxErrors+1 {
			t.Fatalf("%d errors listed", len(list))
		}
		var first *FieldError
		if !errors.As(err, &first) || first != list[0] {
			t.Fatalf("errors.As(*FieldError) = %v", first)
		}
		// A U+FFFD in a message was typed (or escaped) in the input: an
		// escaped lone surrogate is refused, not turned into U+FFFD.
		typedFFFD := bytes.Contains(data, []byte("\uFFFD")) || bytes.Contains(bytes.ToLower(data), []byte(`\ufffd`))
		for i, e := range list {
			switch {
			case e == nil:
				t.Fatal("nil FieldError")
			case e.Message == "" || e.Rule == "":
				t.Fatalf("FieldError without message or rule: %+v", e)
			case !knownRules[e.Rule]:
				t.Fatalf("unknown rule %q: %+v", e.Rule, e)
			case !strings.HasPrefix(e.Message, e.Row):
				t.Fatalf("message does not start with its row: %+v", e)
			case e.Label != "" && !strings.Contains(e.Message, "【"+e.Label+"】"):
				t.Fatalf("message does not name its label: %+v", e)
			case e.Path == "" && (!wholeInputRules[e.Rule] || e.Row != ""):
				t.Fatalf("FieldError without path: %+v", e)
			case (e.Rule == "truncated") != (i == MaxErrors):
				t.Fatalf("error %d of %d is %+v", i, len(list), e)
			case !typedFFFD && strings.ContainsRune(e.Message, '\uFFFD'):
				t.Fatalf("message shows U+FFFD, which the input does not hold: %+v", e)
			}
		}
		// Deterministic: the same input gives the same messages. (Checked on
		// small inputs only: thousands of rows would make fuzzing crawl.)
		if len(data) > 4096 {
			return
		}
		_, again := Parse(id, data)
		if again == nil || again.Error() != err.Error() {
			t.Fatalf("Parse is not deterministic:\n%v\n---\n%v", err, again)
		}
	})
}

// FuzzSplitJSON checks the decoder's object and array scanner against
// encoding/json on valid JSON.
func FuzzSplitJSON(f *testing.F) {
	for _, id := range formIDs {
		f.Add(example(f, id))
	}
	for _, s := range []string{`{}`, `[]`, `{"a\"b": "x\\", "c": [1, {"d": "]}"}], "e": -1.5e3}`, `[ "a" , null,true ]`,
		`{"a":1,"a":2}`, "{\"\\u6e58\": \" \\\\ \"}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		checkSplit(t, bytesTrim(data))
	})
}

func bytesTrim(b []byte) []byte { return []byte(strings.Trim(string(b), " \t\r\n")) }

// checkSplit compares splitObject/splitArray with encoding/json on the valid
// JSON value raw and on every value nested in it.
func checkSplit(t *testing.T, raw []byte) {
	t.Helper()
	switch raw[0] {
	case '{':
		members, ok := splitObject(raw)
		if !ok {
			t.Fatalf("splitObject(%s) failed", raw)
		}
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.Token()
		for i := 0; dec.More(); i++ {
			tok, _ := dec.Token()
			var val json.RawMessage
			if err := dec.Decode(&val); err != nil {
				t.Fatal(err)
			}
			if i >= len(members) || members[i].key != tok.(string) || string(members[i].value) != string(val) {
				t.Fatalf("splitObject(%s): member %d = %+v, want %q: %s", raw, i, members, tok, val)
			}
			checkSplit(t, members[i].value)
		}
	case '[':
		items, ok := splitArray(raw)
		var want []json.RawMessage
		if err := json.Unmarshal(raw, &want); err != nil || !ok || len(items) != len(want) {
			t.Fatalf("splitArray(%s) = %q, %v; want %q", raw, items, ok, want)
		}
		for i := range want {
			if string(items[i]) != string(bytesTrim(want[i])) {
				t.Fatalf("splitArray(%s)[%d] = %s, want %s", raw, i, items[i], want[i])
			}
			checkSplit(t, items[i])
		}
	}
}
