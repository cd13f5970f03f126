package forms

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// definition is everything package forms knows about one form besides its
// fields (which are its Go type and tags): a form is its file — type,
// tags, cross-field rules, definition — plus one line in registry.
type definition struct {
	Info
	// new returns a pointer to an empty form.
	new func() Form
	// batch, when set, returns an empty list of the form, for inputs that
	// hold several (附件6: a JSON array of orders, or {"orders": [...]}).
	batch func() Form
}

// registry holds the forms in attachment order. It is never changed.
var registry = [...]definition{
	taskListForm,
	followupForm,
	signingForm,
	landingForm,
	supervisionForm,
}

// All returns the forms in attachment order.
func All() []Info {
	out := make([]Info, len(registry))
	for i, d := range registry {
		out[i] = d.Info
	}
	return out
}

// definitionOf returns the registered form with this id.
func definitionOf(id ID) (definition, bool) {
	for _, d := range registry {
		if d.ID == id {
			return d, true
		}
	}
	return definition{}, false
}

// Lookup returns the form with this id.
func Lookup(id ID) (Info, bool) {
	d, ok := definitionOf(id)
	return d.Info, ok
}

// LookupName finds a form by any name a clerk uses for it: its id
// ("signing", any case), its attachment ("附件4"), the attachment's number
// ("4", also full-width "４") or its title ("市级重点招商项目签约情况表").
// Blanks around the name are ignored.
func LookupName(name string) (Info, bool) {
	s := strings.TrimSpace(toHalfWidth(name))
	for _, d := range registry {
		in := d.Info
		if strings.EqualFold(s, string(in.ID)) || s == in.Attachment || s == strings.TrimPrefix(in.Attachment, "附件") ||
			s == in.Title {
			return in, true
		}
	}
	return Info{}, false
}

// New returns a pointer to an empty form of this id.
func New(id ID) (Form, error) {
	d, ok := definitionOf(id)
	if !ok {
		return nil, unknownForm(id)
	}
	return d.new(), nil
}

// unknownForm is the error for an id no form has.
func unknownForm(id ID) error {
	ids := make([]string, len(registry))
	for i, d := range registry {
		ids[i] = string(d.ID)
	}
	return fmt.Errorf("未知的表单“%s”，应为 %s 之一（也可写 附件N 或 N）", id, strings.Join(ids, "、"))
}

// listTypes are the list types whose length is bounded before decoding:
// the rows of every table form (MaxRows) and every batch type (MaxOrders).
type listTypes struct {
	rows, batches map[reflect.Type]bool
}

// boundedLists finds, once, the list types of the registered forms.
var boundedLists = sync.OnceValue(func() listTypes {
	l := listTypes{rows: map[reflect.Type]bool{}, batches: map[reflect.Type]bool{}}
	for _, d := range registry {
		t := reflect.TypeOf(d.new()).Elem()
		if f, ok := structFields(t).byKey["rows"]; ok {
			l.rows[f.Type] = true
		}
		if d.batch != nil {
			l.batches[reflect.TypeOf(d.batch()).Elem()] = true
		}
	}
	return l
})
