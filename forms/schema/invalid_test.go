package schema

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/forms"
)

// invalid are structurally wrong inputs, each an edit of the example (a
// nil value deletes the key): both the schema and Parse must refuse them.
var invalid = []struct {
	name string
	id   forms.ID
	edit [][2]any
}{
	{"unknown key", forms.TaskListID, [][2]any{{"title", "x"}}},
	{"unknown key in a row", forms.LandingID, [][2]any{{"rows.0.remark", "x"}}},
	{"unknown key in contact", forms.SigningID, [][2]any{{"rows.0.projects.0.contact.mobile", "13807320001"}}},
	{"unknown key in top500", forms.SigningID, [][2]any{{"rows.0.top500.score", 1}}},
	{"unknown key in the batch envelope", forms.SupervisionID, [][2]any{{"", raw(`{"orders": [` + mustExample(forms.SupervisionID) + `], "x": 1}`)}}},
	{"unknown key in a batch order", forms.SupervisionID, [][2]any{{"deadline", "x"}, {"", raw(`[{}]`)}}},
	{"unit a number", forms.TaskListID, [][2]any{{"unit", 5}}},
	{"unit a list", forms.TaskListID, [][2]any{{"unit", raw(`["湘潭"]`)}}},
	{"rows an object", forms.TaskListID, [][2]any{{"rows", raw(`{}`)}}},
	{"a row a string", forms.TaskListID, [][2]any{{"rows.0", "某项目"}}},
	{"a row null", forms.LandingID, [][2]any{{"rows.1", raw(`null`)}}},
	{"date a number", forms.LandingID, [][2]any{{"date", 20261126}}},
	{"tasks a number", forms.TaskListID, [][2]any{{"rows.0.tasks", 5}}},
	{"a task a number", forms.TaskListID, [][2]any{{"rows.0.tasks", raw(`["签约", 5]`)}}},
	{"company a string", forms.SigningID, [][2]any{{"rows.0.projects.0.company", "湘潭某科技有限公司"}}},
	{"phone a number", forms.SigningID, [][2]any{{"rows.0.projects.0.contact.phone", 13807320001}}},
	{"amount a boolean", forms.LandingID, [][2]any{{"rows.0.totalInvestment", true}}},
	{"amount an object", forms.LandingID, [][2]any{{"rows.0.totalInvestment", raw(`{"value": 1}`)}}},
	{"amount text", forms.LandingID, [][2]any{{"rows.0.totalInvestment", "十二亿"}}},
	{"yes/no a number", forms.SigningID, [][2]any{{"rows.0.projects.0.firstTime", 1}}},
	{"yes/no other text", forms.SigningID, [][2]any{{"rows.0.projects.0.fulfilled", "yes"}}},
	{"no a word", forms.TaskListID, [][2]any{{"rows.0.no", "三"}}},
	{"no a boolean", forms.TaskListID, [][2]any{{"rows.0.no", true}}},
	{"no beyond int32", forms.TaskListID, [][2]any{{"rows.0.no", 3000000000}}},
	{"top500 a number", forms.SigningID, [][2]any{{"rows.0.top500", 500}}},
	{"missing unit", forms.TaskListID, [][2]any{{"unit", nil}}},
	{"missing rows", forms.FollowupID, [][2]any{{"rows", nil}}},
	{"missing name", forms.TaskListID, [][2]any{{"rows.0.name", nil}}},
	{"missing company", forms.SigningID, [][2]any{{"rows.0.projects.0.company", nil}}},
	{"missing phone", forms.SigningID, [][2]any{{"rows.0.projects.0.contact.phone", nil}}},
	{"missing fulfilled", forms.SigningID, [][2]any{{"rows.0.projects.1.fulfilled", nil}}},
	{"missing target", forms.SupervisionID, [][2]any{{"target", nil}}},
	{"required null", forms.SupervisionID, [][2]any{{"content", raw(`null`)}}},
	{"required empty", forms.FollowupID, [][2]any{{"rows.0.progress", ""}}},
	{"empty rows", forms.LandingID, [][2]any{{"rows", raw(`[]`)}}},
	{"empty tasks", forms.TaskListID, [][2]any{{"rows.0.tasks", raw(`[]`)}}},
	{"empty batch", forms.SupervisionID, [][2]any{{"", raw(`[]`)}}},
	{"empty envelope", forms.SupervisionID, [][2]any{{"", raw(`{"orders": []}`)}}},
	{"the whole input null", forms.LandingID, [][2]any{{"", raw(`null`)}}},
	{"the whole input an array", forms.LandingID, [][2]any{{"", raw(`[]`)}}},
	{"unit too long", forms.TaskListID, [][2]any{{"unit", long(61)}}},
	{"overview too long", forms.LandingID, [][2]any{{"rows.0.overview", long(2001)}}},
	{"a task too long", forms.TaskListID, [][2]any{{"rows.0.tasks", raw(`["` + long(501) + `"]`)}}},
	{"one string task too long", forms.TaskListID, [][2]any{{"rows.0.tasks", long(501)}}},
	{"top500 text too long", forms.SigningID, [][2]any{{"rows.0.top500", long(101)}}},
	{"a line break in a one-line text", forms.LandingID, [][2]any{{"rows.0.name", "新能源\n项目"}}},
	{"a tab in a one-line text", forms.SigningID, [][2]any{{"rows.0.hq", "江苏省\t常州市"}}},
	{"a control character", forms.TaskListID, [][2]any{{"rows.0.overview", "项目\u0007概况"}}},
	{"bad code", forms.SigningID, [][2]any{{"rows.0.projects.0.cooperation", "F"}}},
	{"bad code name", forms.SigningID, [][2]any{{"rows.0.projects.0.industry", "制造业"}}},
	{"bad sign type", forms.SigningID, [][2]any{{"rows.0.projects.0.signType", "合同签约"}}},
	{"code with a bad separator", forms.SigningID, [][2]any{{"rows.0.projects.0.cooperation", "A/合资"}}},
	{"too many tasks", forms.TaskListID, [][2]any{{"rows.0.tasks", raw(`["x"` + strings.Repeat(`, "x"`, 50) + `]`)}}},
	{"too many projects", forms.SigningID, [][2]any{{"rows.0.projects", raw(`[` + strings.Repeat(`{},`, 100) + `{}]`)}}},
	{"too many rows", forms.LandingID, [][2]any{{"rows", raw(`[` + strings.Repeat(`{},`, forms.MaxRows) + `{}]`)}}},
	{"date day first", forms.TaskListID, [][2]any{{"date", "26/11/2026"}}},
	{"date without day", forms.SupervisionID, [][2]any{{"from", "2026-12"}}},
	{"date a word", forms.SupervisionID, [][2]any{{"to", "下周五"}}},
	{"date full-width slash", forms.LandingID, [][2]any{{"date", "2026／11／26"}}},
	{"negative no", forms.TaskListID, [][2]any{{"rows.0.no", -1}}},
	{"negative amount", forms.SigningID, [][2]any{{"rows.0.projects.0.fundsInPlace", -5}}},
	{"negative amount text", forms.SigningID, [][2]any{{"rows.0.projects.0.introducedFunds", "-5"}}},
	{"zero total", forms.LandingID, [][2]any{{"rows.0.totalInvestment", 0}}},
	{"amount over its bound", forms.SigningID, [][2]any{{"rows.0.projects.0.totalInvestment", 123456789}}},
	{"top500 rank over 500", forms.SigningID, [][2]any{{"rows.0.top500.rank", 501}}},
	{"top500 other list", forms.SigningID, [][2]any{{"rows.0.top500.list", "财富500强"}}},
	{"city outside Hunan", forms.SigningID, [][2]any{{"rows.0.projects.0.city", "北京市"}}},
	{"credit code lower case", forms.SigningID, [][2]any{{"rows.0.projects.0.company.creditCode", "91430300ma4l12345l"}}},
	{"credit code short", forms.SigningID, [][2]any{{"rows.0.projects.0.company.creditCode", "91430300MA4L1234"}}},
	{"phone with words", forms.SigningID, [][2]any{{"rows.0.projects.0.contact.phone", "电话13807320001"}}},
}

// (d) Each structurally wrong input fails the schema and Parse.
func TestStructuralErrorsRefused(t *testing.T) {
	for _, tc := range invalid {
		t.Run(tc.name, func(t *testing.T) {
			d := example(t, tc.id)
			for _, e := range tc.edit {
				if path := e[0].(string); e[1] == nil {
					d.del(path)
				} else {
					d.set(path, e[1])
				}
			}
			in := d.bytes()
			if parseRules(tc.id, in) == nil {
				t.Fatalf("Parse accepts it: the case is wrong")
			}
			if err := schemaErr(t, tc.id, in); err == nil {
				t.Errorf("the schema accepts it; Parse gives %v", parseRules(tc.id, in))
			}
		})
	}
}

// The structural cases of package forms' testdata/invalid fail the schema
// too; the others (cross-field rules, check characters, duplicate keys,
// lone surrogates, malformed JSON) are Parse's alone.
func TestFormsTestdataInvalid(t *testing.T) {
	structural := map[string]bool{
		"tasklist-leader-missing": true, "tasklist-tasks-number": true, "tasklist-bell": true,
		"tasklist-too-many-rows": true, "tasklist-many-errors": true,
		"followup-unknown-key": true, "signing-coop-F": true, "signing-fulfilled-absent": true,
		"signing-huge-amount": true, "signing-phone-city": true, "landing-zero-total": true,
		"landing-name-newline": true, "supervision-batch-missing-target": true, "signing-top500-rank": true,
	}
	files, _ := filepath.Glob("../testdata/invalid/*.json")
	found := 0
	for _, name := range files {
		cse := strings.TrimSuffix(filepath.Base(name), ".json")
		id, _, _ := strings.Cut(cse, "-")
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if parseRules(forms.ID(id), data) == nil {
			t.Errorf("%s: Parse accepts it", cse)
			continue
		}
		if !json.Valid(data) {
			continue // malformed JSON: not a schema's to judge
		}
		schemaRefuses := schemaErr(t, forms.ID(id), data) != nil
		if structural[cse] {
			found++
			if !schemaRefuses {
				t.Errorf("%s: the schema accepts a structurally wrong input", cse)
			}
		} else {
			t.Logf("%s: left to Parse (schema refuses it: %v)", cse, schemaRefuses)
		}
	}
	if found < 10 {
		t.Errorf("only %d of the structural cases are in forms/testdata/invalid", found)
	}
}
