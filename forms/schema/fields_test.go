package schema

import (
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/forms"
)

// concrete finds the first place of a Fields path in the input v:
// "rows[].projects[].name" → "rows.0.projects.1.name".
func concrete(v any, segs []string) (string, bool) {
	if len(segs) == 0 {
		return "", true
	}
	switch t := v.(type) {
	case []any:
		for i, it := range t {
			if rest, ok := concrete(it, segs[1:]); ok {
				return strings.TrimSuffix(strconv.Itoa(i)+"."+rest, "."), true
			}
		}
	case map[string]any:
		if c, ok := t[segs[0]]; ok && segs[0] != "[]" {
			if rest, ok := concrete(c, segs[1:]); ok {
				return strings.TrimSuffix(segs[0]+"."+rest, "."), true
			}
		}
	}
	return "", false
}

// A key is required exactly when leaving it out of the example makes
// Parse refuse it (the parts of 所属500强 are required together, by a
// cross-field rule, and are left out).
func TestFieldsRequiredMatchesParse(t *testing.T) {
	for _, id := range formIDs() {
		tried := 0
		for _, f := range Fields(id) {
			if strings.Contains(f.Path, "top500.") {
				continue
			}
			d := example(t, id)
			path, ok := concrete(d.v, splitPath(f.Path))
			if !ok {
				if f.Required {
					t.Errorf("%s %s: required, but not in the example", id, f.Path)
				}
				continue
			}
			tried++
			refused := parseRules(id, d.del(path).bytes()) != nil
			if refused != f.Required {
				t.Errorf("%s %s: Required is %v, but Parse refuses the input without it: %v", id, f.Path, f.Required, refused)
			}
		}
		if tried < 5 {
			t.Errorf("%s: only %d keys tried", id, tried)
		}
	}
}

// Fields lists every key once, labelled; the multi-line keys are the long
// texts of forms' package doc; codes come with their set.
func TestFields(t *testing.T) {
	multiline := map[string]bool{}
	for _, id := range formIDs() {
		seen := map[string]bool{}
		fields := Fields(id)
		for _, f := range fields {
			if seen[f.Path] {
				t.Errorf("%s: %s listed twice", id, f.Path)
			}
			seen[f.Path] = true
			if f.Label == "" || f.Type == "" || f.Rule == "" || f.JSONType == "" {
				t.Errorf("%s %s: incomplete: %+v", id, f.Path, f)
			}
			if f.Multiline {
				multiline[f.Path[strings.LastIndex(f.Path, ".")+1:]] = true
			}
			if (f.Type == "代码") != (len(f.Codes) > 0) {
				t.Errorf("%s %s: type %s with %d codes", id, f.Path, f.Type, len(f.Codes))
			}
		}
		if len(fields) < 8 {
			t.Errorf("%s: %d fields", id, len(fields))
		}
	}
	var got []string
	for k := range multiline {
		got = append(got, k)
	}
	slices.Sort(got)
	want := []string{"content", "overview", "problems", "progress", "remarks", "requirements", "tasks"}
	if !slices.Equal(got, want) {
		t.Errorf("multi-line keys %v, want %v", got, want)
	}
	sg := map[string]Field{}
	for _, f := range Fields(forms.SigningID) {
		sg[f.Path] = f
	}
	coop := sg["rows[].projects[].cooperation"]
	if coop.Label != "合作方式" || !coop.Required || len(coop.Codes) != 5 || coop.Codes[0].Legend != "A—合资" ||
		coop.Example != `"A"` || !strings.Contains(coop.Rule, "A—合资、B—合作") {
		t.Errorf("cooperation: %+v", coop)
	}
	if f := sg["rows[].hq"]; f.Label != "总部所在地（国别/省市）" || f.MaxLength != 60 || f.Multiline {
		t.Errorf("hq: %+v", f)
	}
	if f := sg["rows[].projects[].fundsInPlace"]; f.Required || f.Type != "金额（万元）" || f.JSONType != "number | string" {
		t.Errorf("fundsInPlace: %+v", f)
	}
}

// Every hint names a real key, and each bound, closed list and default in
// hints.go is the one Parse applies.
func TestHints(t *testing.T) {
	for k := range hints {
		found := false
		for i := 0; i < k.owner.NumField(); i++ {
			if sf := k.owner.Field(i); !sf.Anonymous && jsonKey(sf) == k.key {
				found = true
			}
		}
		if !found {
			t.Errorf("hints.go names %s.%s, which does not exist", k.owner.Name(), k.key)
		}
	}
	// Bounds: the largest value passes, the next does not.
	bounds := 0
	for k, h := range hints {
		if !h.bound {
			continue
		}
		bounds++
		if k.owner != reflect.TypeFor[forms.Top500]() {
			t.Fatalf("no check for the bound of %s.%s: add one", k.owner.Name(), k.key)
		}
		for v, ok := range map[int]bool{h.max: true, h.max + 1: false, h.min - 1: false} {
			in := example(t, forms.SigningID).set("rows.0.top500."+k.key, v).bytes()
			if (parseRules(forms.SigningID, in) == nil) != ok {
				t.Errorf("top500.%s = %d: Parse accepts it: %v, hints.go says %v", k.key, v, !ok, ok)
			}
		}
	}
	if bounds == 0 {
		t.Error("no bounds checked")
	}
	// Closed values: each passes, another does not.
	list := hints[key[forms.Top500]("list")]
	for _, v := range append(list.values, "财富500强") {
		d := example(t, forms.SigningID).set("rows.0.top500.list", v)
		if v == forms.Top500Other {
			d.set("rows.0.top500.name", "全球某行业100强")
		}
		if ok := parseRules(forms.SigningID, d.bytes()) == nil; ok != slices.Contains(list.values, v) {
			t.Errorf("top500.list = %q: Parse accepts it: %v", v, ok)
		}
	}
	// Defaults: what Parse makes of a key left out.
	d := example(t, forms.SigningID)
	d.del("rows.0.projects.0.city").del("rows.0.projects.0.producing").del("rows.0.projects.0.fundsInPlace")
	f, err := forms.Parse(forms.SigningID, d.bytes())
	if err != nil {
		t.Fatal(err)
	}
	p := f.(*forms.Signing).Rows[0].Projects[0]
	if def := hints[key[forms.Project]("city")].def; p.CityOrDefault() != def {
		t.Errorf("city defaults to %q, hints.go says %v", p.CityOrDefault(), def)
	}
	if def := hints[key[forms.Project]("producing")].def; p.Producing.Bool() != def {
		t.Errorf("producing defaults to %v, hints.go says %v", p.Producing.Bool(), def)
	}
	if def := hints[key[forms.Project]("fundsInPlace")].def; !p.FundsInPlace.IsZero() || def != 0 {
		t.Errorf("fundsInPlace defaults to %q, hints.go says %v", p.FundsInPlace, def)
	}
}

// An unknown tag rule stops the generator rather than being left out.
func TestUnknownRuleRefused(t *testing.T) {
	if _, _, _, err := parseValidate("required,max=10,newrule"); err == nil ||
		!regexp.MustCompile(`newrule`).MatchString(err.Error()) {
		t.Errorf("an unknown rule gives %v", err)
	}
	self, items, dive, err := parseValidate("required,min=1,max=50,dive,max=500,nocontrol")
	if err != nil || !dive || !self.required || self.min != 1 || self.max != 50 || items.max != 500 || !items.multiline() {
		t.Errorf("parsed %+v %+v %v %v", self, items, dive, err)
	}
}
