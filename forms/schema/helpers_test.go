package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
)

// compiled holds each form's schema, compiled once by the reference
// validator from its JSON text (as a client would receive it).
var compiled sync.Map // forms.ID → *jsonschema.Schema

// compileJSON compiles a schema given as JSON text, as draft 2020-12.
func compileJSON(name string, text []byte) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(text))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	url := "https://zsdoc.invalid/" + name + ".json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	return c.Compile(url)
}

// schemaOf returns the compiled schema of form id.
func schemaOf(t testing.TB, id forms.ID) *jsonschema.Schema {
	t.Helper()
	if s, ok := compiled.Load(id); ok {
		return s.(*jsonschema.Schema)
	}
	text, err := JSON(id)
	if err != nil {
		t.Fatal(err)
	}
	s, err := compileJSON(string(id), text)
	if err != nil {
		t.Fatalf("%s: the schema does not compile: %v", id, err)
	}
	compiled.Store(id, s)
	return s
}

// schemaErr validates input against the schema of form id.
func schemaErr(t testing.TB, id forms.ID, input []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(input))
	if err != nil {
		t.Fatalf("test input is not JSON: %v\n%s", err, input)
	}
	return schemaOf(t, id).Validate(v)
}

// parseRules returns the rules of Parse's errors, or nil when it accepts.
func parseRules(id forms.ID, input []byte) []string {
	_, err := forms.Parse(id, input)
	if err == nil {
		return nil
	}
	var list forms.Errors
	if !errors.As(err, &list) {
		return []string{"?" + err.Error()}
	}
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = e.Rule
	}
	return out
}

// doc is a decoded JSON input that a test edits.
type doc struct {
	t testing.TB
	v any
}

// example returns the example input of form id to edit.
func example(t testing.TB, id forms.ID) *doc {
	t.Helper()
	data, err := examples.Input(string(id))
	if err != nil {
		t.Fatal(err)
	}
	return decodeDoc(t, data)
}

func decodeDoc(t testing.TB, data []byte) *doc {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return &doc{t, v}
}

// raw is a JSON text to put as a value.
type raw string

// set puts val at path ("rows.0.projects.1.cooperation"), creating the
// last key; a raw value is put as the JSON it holds.
func (d *doc) set(path string, val any) *doc {
	if r, ok := val.(raw); ok {
		val = decodeDoc(d.t, []byte(r)).v
	}
	if path == "" {
		d.v = val
		return d
	}
	parent, last := d.parent(path)
	switch p := parent.(type) {
	case map[string]any:
		p[last] = val
	case []any:
		i, _ := strconv.Atoi(last)
		p[i] = val
	}
	return d
}

// del removes the key at path.
func (d *doc) del(path string) *doc {
	parent, last := d.parent(path)
	delete(parent.(map[string]any), last)
	return d
}

// get returns the value at path.
func (d *doc) get(path string) any {
	parent, last := d.parent(path)
	switch p := parent.(type) {
	case map[string]any:
		return p[last]
	case []any:
		i, _ := strconv.Atoi(last)
		return p[i]
	}
	return nil
}

func (d *doc) parent(path string) (any, string) {
	segs := strings.Split(path, ".")
	cur := d.v
	for _, s := range segs[:len(segs)-1] {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[s]
		case []any:
			i, err := strconv.Atoi(s)
			if err != nil || i >= len(c) {
				d.t.Fatalf("no %s in path %s", s, path)
			}
			cur = c[i]
		default:
			d.t.Fatalf("path %s goes through a %T", path, cur)
		}
	}
	return cur, segs[len(segs)-1]
}

// bytes returns the input as JSON.
func (d *doc) bytes() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d.v); err != nil {
		d.t.Fatal(err)
	}
	return b.Bytes()
}

// clone returns a deep copy.
func (d *doc) clone() *doc { return decodeDoc(d.t, d.bytes()) }

// formIDs are the forms, from forms.All.
func formIDs() []forms.ID {
	var out []forms.ID
	for _, in := range forms.All() {
		out = append(out, in.ID)
	}
	return out
}
