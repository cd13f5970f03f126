package schema

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/zsdoc/zsdoc/forms"
)

// kind is how the decoder reads a value.
type kind int

const (
	kindText     kind = iota + 1 // a string
	kindInt                      // an integer, or a string holding one
	kindAmount                   // forms.Amount: a number, or a string holding one
	kindDate                     // forms.Date
	kindYesNo                    // forms.YesNo
	kindCode                     // a coded type (forms.Cooperation, …)
	kindTextList                 // forms.TextList: an array of strings, or one string
	kindTop500                   // forms.Top500: an object, or one string
	kindObject                   // a struct
	kindList                     // a slice of structs
)

// node is one key of a form's JSON input, as the Go types and tags say the
// decoder and validator treat it. Both the JSON Schema and Fields are
// made from nodes, so they cannot disagree.
type node struct {
	key      string
	label    string // the label tag, "|" removed
	kind     kind
	self     rules // the rules of the value
	items    rules // kindTextList: the rules of each item
	required bool  // the key must be given: its zero value fails validation
	codes    forms.CodeSet
	fields   []*node // kindObject, kindTop500: the keys, in struct order
	elem     *node   // kindList: the object of each item
	maxItems int     // kindList: the most items (-1: no bound)
	hint     hint
}

// form is one form as the generator sees it.
type form struct {
	info    forms.Info
	root    *node // the object of one input: one order for a batch form
	batch   bool  // an array of objects or {"orders": [...]} is accepted too
	example any   // examples/<id>.json, decoded; nil if none
}

// batchKey is the key of the envelope {"orders": [...]} of a batch input.
const batchKey = "orders"

var (
	dateType     = reflect.TypeFor[forms.Date]()
	amountType   = reflect.TypeFor[forms.Amount]()
	yesNoType    = reflect.TypeFor[forms.YesNo]()
	textListType = reflect.TypeFor[forms.TextList]()
	top500Type   = reflect.TypeFor[forms.Top500]()
	unmarshaler  = reflect.TypeFor[json.Unmarshaler]()
	// codeSets maps each coded type to its exported code set.
	codeSets = map[reflect.Type]func() forms.CodeSet{
		reflect.TypeFor[forms.SignType]():     forms.SignTypes,
		reflect.TypeFor[forms.Cooperation]():  forms.Cooperations,
		reflect.TypeFor[forms.Industry]():     forms.Industries,
		reflect.TypeFor[forms.InvestorType](): forms.InvestorTypes,
	}
)

// buildForm reads the form id from its Go type.
func buildForm(id forms.ID) (*form, error) {
	info, ok := forms.Lookup(id)
	if !ok {
		return nil, fmt.Errorf("schema: unknown form %q", id)
	}
	f, err := forms.New(id)
	if err != nil {
		return nil, err
	}
	t := reflect.TypeOf(f).Elem()
	root := &node{label: info.Title, kind: kindObject, self: rules{min: -1, max: -1}, required: true}
	if root.fields, err = buildFields(t); err != nil {
		return nil, fmt.Errorf("schema: %s: %w", id, err)
	}
	for _, n := range root.fields {
		if n.key == "rows" && n.kind == kindList && n.self.max < 0 {
			n.maxItems = forms.MaxRows // every table form's rows (forms' listCap)
		}
	}
	return &form{info: info, root: root, batch: acceptsBatch(id, t), example: exampleOf(id)}, nil
}

// acceptsBatch reports whether form id reads a JSON array as a list of
// its objects (附件6: a batch of orders), by asking Parse: forms exports
// no other way to know.
func acceptsBatch(id forms.ID, one reflect.Type) bool {
	f, _ := forms.Parse(id, []byte("[]"))
	if f == nil {
		return false
	}
	t := reflect.TypeOf(f)
	return t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Slice && t.Elem().Elem() == one
}

// buildFields returns the keys of struct type t in field order, the keys
// of embedded structs in place, the first of a repeated key winning (as
// in package forms).
func buildFields(t reflect.Type) ([]*node, error) {
	var out []*node
	seen := map[string]bool{}
	var walk func(t reflect.Type) error
	walk = func(t reflect.Type) error {
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			if !sf.IsExported() || sf.Tag.Get("json") == "-" {
				continue
			}
			if sf.Anonymous && sf.Type.Kind() == reflect.Struct && sf.Tag.Get("json") == "" {
				if err := walk(sf.Type); err != nil {
					return err
				}
				continue
			}
			n, err := buildField(sf, t)
			if err != nil {
				return fmt.Errorf("%s.%s: %w", t.Name(), sf.Name, err)
			}
			if !seen[n.key] {
				seen[n.key] = true
				out = append(out, n)
			}
		}
		return nil
	}
	return out, walk(t)
}

// jsonKey is the JSON key of a struct field.
func jsonKey(sf reflect.StructField) string {
	if name, _, _ := strings.Cut(sf.Tag.Get("json"), ","); name != "" {
		return name
	}
	return sf.Name
}

// buildField reads one struct field of owner.
func buildField(sf reflect.StructField, owner reflect.Type) (*node, error) {
	self, items, dive, err := parseValidate(sf.Tag.Get("validate"))
	if err != nil {
		return nil, err
	}
	n := &node{
		key:      jsonKey(sf),
		label:    strings.ReplaceAll(sf.Tag.Get("label"), "|", ""),
		self:     self,
		items:    items,
		maxItems: -1,
		hint:     hints[hintKey{owner, jsonKey(sf)}],
	}
	t := sf.Type
	custom := reflect.PointerTo(t).Implements(unmarshaler)
	switch set, coded := codeSets[t]; {
	case t == dateType:
		n.kind = kindDate
	case t == amountType:
		n.kind = kindAmount
	case t == yesNoType:
		n.kind = kindYesNo
	case coded:
		n.kind, n.codes = kindCode, set()
	case t == textListType:
		n.kind = kindTextList
		if !dive {
			return nil, fmt.Errorf("a TextList needs dive before its item rules")
		}
	case t == top500Type:
		n.kind = kindTop500
		if n.fields, err = buildFields(t); err != nil {
			return nil, err
		}
		if n.field("text") == nil {
			return nil, fmt.Errorf("Top500 has no text field for its string form")
		}
	case t.Kind() == reflect.Struct && !custom:
		n.kind = kindObject
		if n.fields, err = buildFields(t); err != nil {
			return nil, err
		}
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct && !custom:
		if !dive {
			return nil, fmt.Errorf("a list of objects needs dive, or its items go unchecked")
		}
		if items != (rules{min: -1, max: -1}) {
			return nil, fmt.Errorf("rules after dive on a list of objects are unknown to package schema")
		}
		n.kind, n.maxItems = kindList, self.max
		n.elem = &node{kind: kindObject, self: rules{min: -1, max: -1}, required: true}
		if n.elem.fields, err = buildFields(t.Elem()); err != nil {
			return nil, err
		}
	case t.Kind() == reflect.String && !custom:
		n.kind = kindText
	case (t.Kind() == reflect.Int || t.Kind() == reflect.Int32 || t.Kind() == reflect.Int64) && !custom:
		n.kind = kindInt
	default:
		return nil, fmt.Errorf("type %s is unknown to package schema", t)
	}
	if err := n.checkRules(); err != nil {
		return nil, err
	}
	n.required = n.zeroFails()
	return n, nil
}

// checkRules refuses a format rule on a value of another kind: the schema
// would say something the validator does not do.
func (n *node) checkRules() error {
	r := n.self
	for _, c := range []struct {
		has  bool
		kind kind
		rule string
	}{
		{r.date, kindDate, "date"}, {r.code, kindCode, "code"}, {r.yesno, kindYesNo, "yesno"},
		{r.amount || r.amountPos || r.amountMax != "", kindAmount, "amount"},
	} {
		if c.has && n.kind != c.kind {
			return fmt.Errorf("rule %s on a value that is not of its type", c.rule)
		}
	}
	if (r.uscc || r.cnphone || r.hunanCity || r.docNumber || r.oneline || r.nocontrol) && n.kind != kindText {
		return fmt.Errorf("a text rule on a value that is not a string")
	}
	return nil
}

// zeroFails reports whether the zero value of the key fails validation,
// so that leaving the key out (or giving null) is an error.
func (n *node) zeroFails() bool {
	switch {
	case n.self.required:
		return true
	case n.self.omitempty || n.kind != kindObject:
		return false
	}
	for _, c := range n.fields {
		if c.required {
			return true
		}
	}
	return false
}

// field returns the child with this key, or nil.
func (n *node) field(key string) *node {
	for _, c := range n.fields {
		if c.key == key {
			return c
		}
	}
	return nil
}

// walk calls fn for every key below n, depth first in field order, with
// its path ("rows[].projects[].cooperation").
func (n *node) walk(prefix string, fn func(path string, c *node)) {
	fields := n.fields
	if n.kind == kindList {
		fields, prefix = n.elem.fields, prefix+"[]"
	}
	for _, c := range fields {
		path := c.key
		if prefix != "" {
			path = prefix + "." + c.key
		}
		fn(path, c)
		c.walk(path, fn)
	}
}
