package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/workflow"
)

// compile compiles a JSON Schema given as decoded JSON.
func compile(t *testing.T, url string, doc any) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return s
}

// unmarshal decodes JSON as the validator wants it (numbers kept exact).
func unmarshal(t *testing.T, data []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	return v
}

// catalogSchemas fetches GET /v1/forms and compiles each form's schema.
func catalogSchemas(t *testing.T, h http.Handler) (map[forms.ID]*jsonschema.Schema, map[forms.ID]map[string]any) {
	t.Helper()
	w := call(t, h, "GET", "/v1/forms", nil)
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("GET /v1/forms: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	body := unmarshal(t, w.Body.Bytes()).(map[string]any)
	list := body["forms"].([]any)
	if len(list) != 1+len(forms.All()) {
		t.Fatalf("%d forms listed, want 附件1 and the %d forms", len(list), len(forms.All()))
	}
	// 附件1, the workflow diagram, comes first: blank only, PDF and DOCX.
	wf := list[0].(map[string]any)
	if wf["id"] != string(workflow.ID) || wf["attachment"] != "附件1" || wf["blankOnly"] != true ||
		fmt.Sprint(wf["formats"]) != "[pdf docx]" {
		t.Errorf("first entry %v, want 附件1 (workflow), blank only, pdf and docx", wf)
	}
	list = list[1:]
	schemas := map[forms.ID]*jsonschema.Schema{}
	entries := map[forms.ID]map[string]any{}
	for i, item := range list {
		m := item.(map[string]any)
		id := forms.ID(m["id"].(string))
		in := forms.All()[i]
		if id != in.ID || m["attachment"] != in.Attachment || m["title"] != in.Title {
			t.Errorf("form %d: %v %v %v, want %+v", i, id, m["attachment"], m["title"], in)
		}
		schemas[id] = compile(t, "file:///schemas/"+string(id)+".json", m["schema"])
		entries[id] = m
	}
	return schemas, entries
}

// Every example validates against the schema GET /v1/forms gives for its
// form; structurally wrong inputs fail it, and the server refuses them.
func TestFormSchemas(t *testing.T) {
	h := newHandler(t, Config{})
	schemas, entries := catalogSchemas(t, h)
	files, _ := filepath.Glob("../examples/*.json")
	if len(files) != len(forms.All()) {
		t.Fatalf("%d example files", len(files))
	}
	for _, name := range files {
		id := forms.ID(strings.TrimSuffix(filepath.Base(name), ".json"))
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := schemas[id].Validate(unmarshal(t, data)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	labels := entries[forms.SigningID]["labels"].(map[string]any)
	if labels["rows[].projects[].cooperation"] != "合作方式" || labels["unit"] != "单位（盖章）" {
		t.Errorf("labels of 附件4: cooperation %v, unit %v", labels["rows[].projects[].cooperation"], labels["unit"])
	}
	for _, c := range []struct {
		id    forms.ID
		input string
	}{
		{forms.TaskListID, `{"unit":"湘潭市商务局","date":"2026-11-26","rows":[{"nmae":"x"}]}`},
		{forms.TaskListID, `{"unit":"湘潭市商务局","date":"2026-11-26","rows":[{"name":"甲","overview":"乙","leader":"丙","owner":"丁","tasks":5}]}`},
		{forms.SigningID, `{"unit":1,"date":"2026-11-26","rows":[]}`},
		{forms.LandingID, `[]`},
		{forms.FollowupID, `{"unit":"湘潭\n商务局","date":"2026-11-26","rows":[]}`},
		{forms.SupervisionID, `{"date":"明天","target":"a","content":"b","requirements":"c","from":"2026-12-01","to":"2026-12-07","issuer":"d"}`},
		{forms.SupervisionID, `"督办"`},
	} {
		if err := schemas[c.id].Validate(unmarshal(t, []byte(c.input))); err == nil {
			t.Errorf("%s: the schema accepts %s", c.id, c.input)
		}
		w := call(t, h, "POST", "/v1/forms/"+string(c.id)+"/validate", []byte(c.input))
		if w.Code != http.StatusUnprocessableEntity && w.Code != http.StatusBadRequest {
			t.Errorf("%s %s: status %d", c.id, c.input, w.Code)
		}
	}
}

// walkRefs calls f with every $ref in v.
func walkRefs(v any, f func(string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "$ref" {
				f(s)
			}
			walkRefs(x, f)
		}
	case []any:
		for _, x := range v {
			walkRefs(x, f)
		}
	}
}

func TestOpenAPI(t *testing.T) {
	open := newHandler(t, Config{})
	w := call(t, open, "GET", "/v1/openapi.json", nil)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	var doc map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["openapi"] != "3.1.0" || doc["security"] != nil {
		t.Errorf("openapi %v, security %v (none without tokens)", doc["openapi"], doc["security"])
	}
	components := doc["components"].(map[string]any)
	walkRefs(doc, func(ref string) {
		parts := strings.Split(strings.TrimPrefix(ref, "#/components/"), "/")
		if len(parts) != 2 || components[parts[0]] == nil || components[parts[0]].(map[string]any)[parts[1]] == nil {
			t.Errorf("$ref %s does not resolve", ref)
		}
	})
	paths := doc["paths"].(map[string]any)
	opIDs := map[string]bool{}
	for _, in := range forms.All() {
		for _, p := range []string{"/v1/forms/" + string(in.ID), "/v1/forms/" + string(in.ID) + "/blank", "/v1/forms/" + string(in.ID) + "/validate"} {
			if paths[p] == nil {
				t.Errorf("no path %s", p)
			}
		}
	}
	for _, p := range []string{"/v1/forms", "/v1/openapi.json", "/v1/seals", "/v1/seals/{id}.png", "/healthz", "/readyz", "/metrics"} {
		if paths[p] == nil {
			t.Errorf("no path %s", p)
		}
	}
	for p, item := range paths {
		for method, op := range item.(map[string]any) {
			op := op.(map[string]any)
			id, _ := op["operationId"].(string)
			if id == "" || opIDs[id] || op["responses"] == nil {
				t.Errorf("%s %s: operationId %q (duplicate %v), responses %v", method, p, id, opIDs[id], op["responses"] != nil)
			}
			opIDs[id] = true
		}
	}
	// The request bodies' schemas are the forms' schemas: the examples pass.
	var exact map[string]any
	exact = unmarshal(t, w.Body.Bytes()).(map[string]any)
	schemas := exact["components"].(map[string]any)["schemas"].(map[string]any)
	for _, in := range forms.All() {
		s := compile(t, "file:///components/"+string(in.ID)+".json", schemas[string(in.ID)])
		if err := s.Validate(unmarshal(t, example(t, in.ID))); err != nil {
			t.Errorf("%s: %v", in.ID, err)
		}
	}
	// With tokens, the routes need one, except the public ones.
	h, _ := tokenServer(t, nil)
	if err := json.Unmarshal(call(t, h, "GET", "/v1/openapi.json", nil).Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	paths = doc["paths"].(map[string]any)
	if doc["security"] == nil || paths["/healthz"].(map[string]any)["get"].(map[string]any)["security"] == nil {
		t.Errorf("token mode: security %v", doc["security"])
	}
}
