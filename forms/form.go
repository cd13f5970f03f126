package forms

import (
	"bytes"
	"encoding/json"
	"reflect"
)

// ID names a form in the CLI, the HTTP routes and file names.
type ID string

// Info describes a form.
type Info struct {
	ID         ID     `json:"id"`
	Attachment string `json:"attachment"` // "附件4"
	Title      string `json:"title"`      // "市级重点招商项目签约情况表"
}

// Form is a filled form: *TaskList, *Followup, *Signing, *Landing,
// *Supervision or *SupervisionBatch.
type Form interface {
	// FormID returns the id of the form this value fills.
	FormID() ID
	// FormDate returns the date the form is dated by — 填报日期 of 附件2–5,
	// 日期 of a 督办单, the first order's of a batch — or "" when none.
	FormDate() Date
	// SealIDs returns the seal ids the form names (its "seal" keys), each
	// once, in the order they first appear; none when it names no seal.
	SealIDs() []string
}

// Parse decodes and validates the JSON input of form id. For supervision, a
// JSON array of orders or {"orders": [...]} gives a *SupervisionBatch and an
// object gives one *Supervision. On invalid input the error is Errors with
// every problem found, in row order (at most MaxErrors of them, see
// MaxErrors); the form is returned too, holding what was decoded. A value
// that could not be decoded is not also reported as missing or invalid.
func Parse(id ID, data []byte) (Form, error) {
	d, ok := definitionOf(id)
	if !ok {
		return nil, unknownForm(id)
	}
	f := d.new()
	if d.batch != nil && isBatch(data) {
		f = d.batch()
	}
	var c collector
	rv := reflect.ValueOf(f).Elem()
	if decode(data, rv, &c) {
		getChecker().validate(rv, &c)
	}
	return f, c.errors(true).errOrNil()
}

// isBatch reports whether a supervision input holds several orders.
func isBatch(data []byte) bool {
	t := bytes.TrimSpace(data)
	if len(t) > 0 && t[0] == '[' {
		return true
	}
	var probe map[string]json.RawMessage
	if json.Unmarshal(t, &probe) != nil {
		return false
	}
	_, ok := probe["orders"]
	return ok
}

// FormDate implements Form: 填报日期.
func (h *Header) FormDate() Date { return h.Date }

// SealIDs implements Form: the unit's seal, if named.
func (h *Header) SealIDs() []string { return sealIDs(h.Seal) }

// sealIDs returns the non-empty ids, each once, in order.
func sealIDs(ids ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// FormHeader returns the header; the table forms (附件2–5) have it by
// embedding Header, so `f.(interface{ FormHeader() *forms.Header })` finds
// the envelope of any of them.
func (h *Header) FormHeader() *Header { return h }

// Header is the envelope of the table forms 附件2–5: the reporting unit,
// the date and the seal stamped over the unit's name.
type Header struct {
	Unit string `json:"unit" label:"单位（盖章）" validate:"required,max=60,oneline"`
	Date Date   `json:"date" label:"填报日期" validate:"required,date"`
	// Seal names a seal image known to the server (§4 of the contract). The
	// library takes seal image bytes as a rendering option instead.
	Seal string `json:"seal,omitempty" label:"印章" validate:"max=60,oneline"`
}

// Label returns the label tag of the field with JSON key key in the struct
// of sample (e.g. Label(TaskRow{}, "leader") = "牵头|责任领导"): the exact
// column header, "|" marking its official line breaks. It returns "" when
// sample is not a struct (or a pointer to one) or has no field with that
// key, or the field has no label.
func Label(sample any, key string) string {
	t := reflect.TypeOf(sample)
	if t == nil {
		return ""
	}
	if t = deref(t); t.Kind() != reflect.Struct {
		return ""
	}
	f, ok := fieldByJSON(t, key)
	if !ok {
		return ""
	}
	return f.Tag.Get("label")
}
