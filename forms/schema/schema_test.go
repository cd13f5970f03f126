package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
)

// (a) Every schema compiles as draft 2020-12, and is the same bytes on
// every call.
func TestSchemasCompile(t *testing.T) {
	for _, id := range formIDs() {
		s, err := For(id)
		if err != nil {
			t.Fatal(err)
		}
		if s["$schema"] != Draft {
			t.Errorf("%s: $schema is %v", id, s["$schema"])
		}
		schemaOf(t, id)
		a, _ := JSON(id)
		b, _ := JSON(id)
		m, _ := json.Marshal(s)
		n, _ := json.Marshal(must(For(id)))
		if !bytes.Equal(a, b) || !bytes.Equal(m, n) {
			t.Errorf("%s: two calls give different bytes", id)
		}
		if bytes.ContainsAny(a, "\u3000\u00a0") {
			t.Errorf("%s: JSON leaves invisible blanks unescaped", id)
		}
	}
	if _, err := For("nosuchform"); err == nil {
		t.Error("For of an unknown form: no error")
	}
	if Fields("nosuchform") != nil {
		t.Error("Fields of an unknown form: not nil")
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// Components holds one self-contained schema per form, plus the batch of
// the forms that take batches; each compiles on its own.
func TestComponents(t *testing.T) {
	comps, err := Components()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"supervision-batch": true}
	for _, id := range formIDs() {
		want[string(id)] = true
	}
	for name, s := range comps {
		if !want[name] {
			t.Errorf("unexpected component %q", name)
		}
		delete(want, name)
		text, err := marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(text, []byte(`"$ref"`)) || bytes.Contains(text, []byte(`"$schema"`)) {
			t.Errorf("%s: not self-contained: has $ref or $schema", name)
		}
		sch, err := compileJSON(name, text)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// The batch component takes a batch of the example, not one order.
		ex, _ := examples.Input(strings.TrimSuffix(name, "-batch"))
		if name == "supervision-batch" {
			ex = []byte("[" + string(ex) + "]")
		}
		v := decodeDoc(t, ex).v
		if err := sch.Validate(v); err != nil {
			t.Errorf("%s: the example is invalid: %v", name, err)
		}
	}
	for name := range want {
		t.Errorf("missing component %q", name)
	}
}

// (b) Every example validates against its form's schema (and Parse takes it).
func TestExamplesValid(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.json")
	if len(files) < len(formIDs()) {
		t.Fatalf("found %d example files", len(files))
	}
	for _, name := range files {
		id := forms.ID(strings.TrimSuffix(filepath.Base(name), ".json"))
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if rules := parseRules(id, data); rules != nil {
			t.Fatalf("%s: Parse refuses the example: %v", name, rules)
		}
		if err := schemaErr(t, id, data); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// (c) The valid inputs of package forms' testdata, in their lenient
// spellings, pass both Parse and the schema.
func TestFormsTestdataValid(t *testing.T) {
	files, _ := filepath.Glob("../testdata/valid/*.json")
	if len(files) < 10 {
		t.Fatalf("found %d files in forms/testdata/valid", len(files))
	}
	for _, name := range files {
		id, _, _ := strings.Cut(filepath.Base(name), "-")
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if rules := parseRules(forms.ID(id), data); rules != nil {
			t.Logf("%s: Parse refuses it (%v): skipped", name, rules)
			continue
		}
		if err := schemaErr(t, forms.ID(id), data); err != nil {
			t.Errorf("%s: Parse accepts it, the schema does not: %v", name, err)
		}
	}
}

// A long text: n characters.
func long(n int) string { return strings.Repeat("字", n) }

// lenient are valid inputs in the spellings the decoder accepts, each an
// edit of the example: the path and the value put there.
var lenient = []struct {
	id   forms.ID
	edit [][2]any
}{
	{forms.TaskListID, [][2]any{{"date", "2026年11月26日"}}},
	{forms.TaskListID, [][2]any{{"date", "２０２６/１１/２６"}, {"rows.0.no", "3"}, {"rows.1.no", 4.0}}},
	{forms.TaskListID, [][2]any{{"date", "2026.1.5"}, {"rows.0.partners", "市商务局\n市发展改革委"}, {"rows.0.tasks", "完成签约\r\n办理用地手续"}}},
	{forms.TaskListID, [][2]any{{"date", " 2026-11-26 "}, {"rows.0.partners", nil}, {"rows.1.partners", ""}, {"rows.2.partners", raw(`[]`)}}},
	{forms.TaskListID, [][2]any{{"unit", "\u3000" + long(60) + " \t"}, {"seal", nil}, {"rows.0.no", nil}}},
	{forms.TaskListID, [][2]any{{"rows.0.overview", "第一行\r\n第二行\t缩进\n" + long(1989)}, {"rows.0.tasks", raw(`["", null, "  签约  "]`)}}},
	{forms.TaskListID, [][2]any{{"rows.0.leader", " " + long(60) + "\n"}, {"rows.0.tasks", raw(`["` + strings.Repeat(`", "`, 55) + `签约"]`)}}},
	{forms.FollowupID, [][2]any{{"rows.0.problems", nil}, {"rows.1.problems", "  "}, {"rows.0.progress", "进展\r\n顺利"}}},
	{forms.SigningID, [][2]any{
		{"rows.0.projects.0.cooperation", "合资"}, {"rows.0.projects.1.cooperation", " c—独资 "},
		{"rows.0.projects.2.cooperation", "Ｂ"}, {"rows.0.projects.0.industry", "A类—工业制造业"},
		{"rows.0.projects.1.industry", "a类"}, {"rows.0.projects.2.industry", "D：第三产业及其他"},
		{"rows.0.projects.0.investorType", "民营企业投资"}, {"rows.0.projects.0.signType", " 合同类"},
	}},
	{forms.SigningID, [][2]any{
		{"rows.0.projects.0.firstTime", "是"}, {"rows.0.projects.0.fulfilled", "TRUE"},
		{"rows.0.projects.0.started", " true "}, {"rows.0.projects.0.producing", nil},
		{"rows.0.projects.1.firstTime", "否"}, {"rows.0.projects.1.producing", ""}, {"rows.0.projects.2.producing", "False"},
	}},
	{forms.SigningID, [][2]any{
		{"rows.0.projects.0.totalInvestment", "28"}, {"rows.0.projects.0.introducedFunds", " 2e1 "},
		{"rows.0.projects.0.fundsInPlace", "５００００"}, {"rows.0.projects.1.fundsInPlace", nil},
		{"rows.0.projects.2.fundsInPlace", ""}, {"rows.1.projects.0.fundsInPlace", "-0"},
		{"rows.1.projects.0.totalInvestment", raw(`9.80`)}, {"rows.1.projects.1.totalInvestment", ".76e1"},
	}},
	{forms.SigningID, [][2]any{
		{"rows.0.top500", "2025年《财富》世界500强第212位"}, {"rows.1.top500", nil}, {"rows.2.top500", raw(`{}`)},
		{"rows.4.top500", raw(`{"list": "中国民营企业500强", "year": "2025", "rank": " 321 "}`)},
		{"rows.0.no", 7}, {"rows.0.projects.0.no", "1"}, {"rows.0.projects.0.city", nil},
		{"rows.0.projects.1.city", " 长沙市 "}, {"rows.0.projects.0.contact.phone", "+86 138 0732 0001"},
		{"rows.0.projects.0.company.creditCode", " 91430300MA4L12345L "},
	}},
	{forms.LandingID, [][2]any{{"rows.0.totalInvestment", " 12.50 "}, {"rows.1.remarks", nil}, {"rows.2.remarks", "第一行\r第二行"}}},
	{forms.SupervisionID, [][2]any{{"number", nil}, {"issueDate", ""}, {"from", "2026年12月1日"}, {"to", "2026-12-7"}}},
	{forms.SupervisionID, [][2]any{{"", raw(`[` + mustExample(forms.SupervisionID) + `, ` + mustExample(forms.SupervisionID) + `]`)}}},
	{forms.SupervisionID, [][2]any{{"", raw(`{"orders": [` + mustExample(forms.SupervisionID) + `]}`)}}},
}

func mustExample(id forms.ID) string { return string(must(examples.Input(string(id)))) }

func TestLenientInputsValid(t *testing.T) {
	for i, tc := range lenient {
		d := example(t, tc.id)
		for _, e := range tc.edit {
			d.set(e[0].(string), e[1])
		}
		in := d.bytes()
		if rules := parseRules(tc.id, in); rules != nil {
			t.Errorf("case %d (%s): Parse refuses it: %v\n%s", i, tc.id, rules, cut(string(in), 300))
			continue
		}
		if err := schemaErr(t, tc.id, in); err != nil {
			t.Errorf("case %d (%s): Parse accepts it, the schema does not: %v", i, tc.id, err)
		}
	}
}
