package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"
	"unicode"

	"github.com/zsdoc/zsdoc/forms"
)

// Draft is the JSON Schema dialect of every schema: draft 2020-12, which
// OpenAPI 3.1 uses for its schemas too.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// maxInt is the largest integer the decoder reads (2^31, through float64).
const maxInt = 1 << 31

// obj is a JSON object of a schema. encoding/json writes map keys sorted,
// so a schema always marshals to the same bytes.
type obj = map[string]any

// For returns the JSON Schema (draft 2020-12) of the JSON input of form id:
// what forms.Parse accepts, made from the form's Go type and tags. Every
// input Parse accepts is valid against it; an input that is structurally
// wrong — an unknown key, a value of the wrong JSON type, a missing required
// key, a text too long, a code, date, amount or 是/否 that cannot be read, too
// few or too many items — is not. What the schema leaves to Parse is listed
// in the package doc. For a form that takes batches (附件6) the schema is
// the anyOf of one object, an array of them and {"orders": [...]}.
func For(id forms.ID) (map[string]any, error) {
	f, err := buildForm(id)
	if err != nil {
		return nil, err
	}
	s := f.schema()
	s["$schema"] = Draft
	return s, nil
}

// JSON returns For(id) as indented JSON, the same bytes for the same Go
// types. Invisible characters in the patterns (U+3000 and the other
// blanks) are written as \u escapes, so the text can be read.
func JSON(id forms.ID) ([]byte, error) {
	s, err := For(id)
	if err != nil {
		return nil, err
	}
	return marshal(s)
}

// Components returns a schema for every form, for the components.schemas
// of an OpenAPI 3.1 document: under the form's id ("signing") the schema
// of its input, as For gives it but without "$schema"; and for a form that
// takes batches (附件6), under "<id>-batch" the schema of a batch alone (an
// array of orders, or {"orders": [...]}). Each schema is self-contained:
// no $ref, nothing shared, so it can be embedded anywhere.
func Components() (map[string]any, error) {
	out := obj{}
	for _, in := range forms.All() {
		f, err := buildForm(in.ID)
		if err != nil {
			return nil, err
		}
		out[string(in.ID)] = f.schema()
		if f.batch {
			out[string(in.ID)+"-batch"] = obj{
				"title": f.info.Attachment + " " + f.info.Title + "（批量）",
				"anyOf": f.batchSchemas(),
			}
		}
	}
	return out, nil
}

// schema is the schema of the form's whole input.
func (f *form) schema() obj {
	one := f.object(f.root, nil)
	title := f.info.Attachment + " " + f.info.Title
	if !f.batch {
		one["title"] = title
		one["description"] = title + "的 JSON 输入。"
		return one
	}
	one["title"] = f.info.Title
	return obj{
		"title":       title,
		"description": title + "的 JSON 输入：一份（对象），或多份（数组，或 {\"" + batchKey + "\": [...]}）。",
		"anyOf":       append([]any{one}, f.batchSchemas()...),
	}
}

// batchSchemas are the schemas of a batch: an array of the form's
// objects, and the envelope {"orders": [...]}.
func (f *form) batchSchemas() []any {
	list := func() obj {
		item := f.object(f.root, nil)
		item["title"] = f.info.Title
		return obj{"type": "array", "items": item, "minItems": 1, "maxItems": forms.MaxOrders}
	}
	return []any{list(), obj{
		"type":                 "object",
		"properties":           obj{batchKey: list()},
		"required":             []any{batchKey},
		"additionalProperties": false,
	}}
}

// object is the schema of an object node; path is its place in the input.
func (f *form) object(n *node, path []string) obj {
	props, required := obj{}, []any{}
	for i, c := range n.fields {
		p := f.value(c, append(path[:len(path):len(path)], c.key))
		p["x-order"] = i + 1
		props[c.key] = p
		if c.required {
			required = append(required, c.key)
		}
	}
	s := obj{"type": typeKeyword(n), "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

// value is the schema of the key n at path.
func (f *form) value(n *node, path []string) obj {
	var s obj
	switch n.kind {
	case kindObject:
		s = f.object(n, path)
	case kindList:
		s = obj{"type": typeKeyword(n), "items": f.object(n.elem, append(path[:len(path):len(path)], "[]"))}
		if n.self.min > 0 {
			s["minItems"] = n.self.min
		}
		if n.maxItems >= 0 {
			s["maxItems"] = n.maxItems
		}
	case kindTop500:
		s = f.object(n, path)
		text(s, n.field("text").self, false)
	default:
		s = scalar(n)
	}
	s["title"] = n.label
	s["description"] = ruleText(n)
	// Examples: the values an editor should offer, else the example input's.
	if len(n.hint.values) > 0 {
		s["examples"] = toAny(n.hint.values)
	} else if v, ok := find(f.example, path); ok && n.kind != kindList && n.kind != kindObject {
		s["examples"] = []any{v}
	}
	if n.hint.def != nil {
		s["default"] = n.hint.def
	}
	return s
}

// jsonTypes are the JSON types the decoder reads for n; null (the key
// left out) only when that is valid.
func jsonTypes(n *node) []any {
	types := map[kind][]any{
		kindText: {"string"}, kindInt: {"integer", "string"}, kindAmount: {"number", "string"},
		kindDate: {"string"}, kindYesNo: {"boolean", "string"}, kindCode: {"string"},
		kindTextList: {"array", "string"}, kindTop500: {"object", "string"}, kindObject: {"object"}, kindList: {"array"},
	}[n.kind]
	if !n.required {
		types = append(types[:len(types):len(types)], "null")
	}
	return types
}

// typeKeyword is the value of "type" for n: one name, or a list of them.
func typeKeyword(n *node) any {
	if t := jsonTypes(n); len(t) > 1 {
		return t
	}
	return jsonTypes(n)[0]
}

// scalar is the schema of a value that is not an object or a list of them.
// Keywords that apply to one JSON type are ignored for the others, which
// is how one schema holds, say, a number and a string holding one.
func scalar(n *node) obj {
	s, r, blankOK := obj{"type": typeKeyword(n)}, n.self, !n.required
	switch n.kind {
	case kindText:
		text(s, r, n.required)
		if n.hint.closed {
			addPattern(s, oneOfPattern(n.hint.values, blankOK))
		}
	case kindInt:
		lo, hi := -maxInt, maxInt
		if r.min >= 0 {
			lo = r.min
		}
		if n.hint.bound {
			lo, hi = max(lo, n.hint.min), min(hi, n.hint.max)
		}
		s["minimum"], s["maximum"], s["pattern"] = lo, hi, intPattern
	case kindAmount:
		s["pattern"] = amountPattern(blankOK)
		if r.amountPos {
			s["exclusiveMinimum"] = 0
		} else if r.amount {
			s["minimum"] = 0
		}
		if r.amountMax != "" {
			s["x-unit"] = r.amountMax
			s["maximum"] = forms.MaxYiYuan
			if r.amountMax == "万元" {
				s["maximum"] = forms.MaxWanYuan
			}
		}
	case kindDate:
		if r.date {
			s["pattern"] = datePattern(blankOK)
		}
	case kindYesNo:
		if r.yesno {
			s["pattern"] = yesNoPattern(blankOK)
		}
	case kindCode:
		codes := make([]any, len(n.codes.Entries))
		for i, e := range n.codes.Entries {
			codes[i] = obj{"code": e.Code, "name": e.Name, "legend": e.Legend}
		}
		s["x-codes"] = codes
		if r.code {
			s["pattern"] = cachedCodePattern(n.codes, blankOK)
		}
	case kindTextList:
		textList(s, n)
	}
	if n.required && (n.kind == kindText || n.kind == kindDate || n.kind == kindCode || n.kind == kindTextList) {
		s["minLength"] = 1
	}
	return s
}

// text adds the rules of a text: its characters, its length.
func text(s obj, r rules, required bool) {
	switch {
	case r.uscc:
		addPattern(s, usccPattern())
	case r.cnphone:
		addPattern(s, phonePattern)
	case r.hunanCity:
		addPattern(s, oneOfPattern(forms.HunanCities(), !required))
	}
	if r.oneline {
		addPattern(s, onelinePattern(!required))
	} else if r.nocontrol {
		addPattern(s, nocontrolPattern)
		s["x-multiline"] = true
		if required {
			addPattern(s, visiblePattern)
		}
	}
	if r.max >= 0 {
		// The limit counts the text as trimmed: one with blanks around it
		// or a CR LF in it is left to Parse.
		s["x-maxLength"] = r.max
		addAnyOf(s, obj{"maxLength": r.max}, obj{"pattern": trimmedPattern})
	}
}

// textList adds the rules of a TextList: an array of texts, or one text
// split into items at line breaks.
func textList(s obj, n *node) {
	item := obj{"type": []any{"string", "null"}}
	text(item, n.items, false)
	s["items"] = item
	// One string: each of its lines is an item.
	if n.items.oneline {
		addPattern(s, linesPattern)
	} else if n.items.nocontrol {
		addPattern(s, nocontrolPattern)
	}
	if n.required { // something that is not blank, as a string or an item
		addPattern(s, visiblePattern)
		s["contains"] = obj{"type": "string", "pattern": visiblePattern}
	}
	if n.items.multiline() {
		s["x-multiline"] = true
	}
	if n.items.max >= 0 {
		s["x-maxLength"] = n.items.max
		addAnyOf(s, obj{"maxLength": n.items.max}, obj{"pattern": splitPattern})
	}
	if n.self.min > 0 {
		s["minItems"] = n.self.min
	}
	if n.self.max >= 0 {
		// Blank items are dropped before counting: a list with one is left to Parse.
		s["x-maxItems"] = n.self.max
		addAnyOf(s, obj{"maxItems": n.self.max},
			obj{"contains": obj{"type": []any{"string", "null"}, "pattern": blankPattern}})
	}
}

// addPattern adds a pattern; a second one goes into allOf.
func addPattern(s obj, p string) { add(s, "pattern", p) }

// addAnyOf adds an anyOf; a second one goes into allOf.
func addAnyOf(s obj, branches ...any) { add(s, "anyOf", branches) }

func add(s obj, keyword string, v any) {
	if _, taken := s[keyword]; !taken {
		s[keyword] = v
		return
	}
	all, _ := s["allOf"].([]any)
	s["allOf"] = append(all, obj{keyword: v})
}

var codePatterns sync.Map // label and blankOK → pattern

// cachedCodePattern is codePattern, computed once per code set.
func cachedCodePattern(set forms.CodeSet, blankOK bool) string {
	k := fmt.Sprint(set.Label, blankOK)
	if p, ok := codePatterns.Load(k); ok {
		return p.(string)
	}
	p := codePattern(set, blankOK)
	codePatterns.Store(k, p)
	return p
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// marshal writes v as indented JSON without HTML escapes, invisible
// characters escaped, and a final newline.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	for _, r := range b.String() { // such characters only occur inside strings
		if r > 0x7E && (unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
			fmt.Fprintf(&out, `\u%04x`, r)
			continue
		}
		out.WriteRune(r)
	}
	return out.Bytes(), nil
}
