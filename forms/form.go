package forms

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// ID names a form in the CLI, the HTTP routes and file names.
type ID string

// The five forms.
const (
	TaskListID    ID = "tasklist"    // 附件2 市级重点招商项目对接跟进任务清单
	FollowupID    ID = "followup"    // 附件3 市级重点招商项目协调跟进情况表
	SigningID     ID = "signing"     // 附件4 市级重点招商项目签约情况表
	LandingID     ID = "landing"     // 附件5 市级重点招商项目落地进展情况表
	SupervisionID ID = "supervision" // 附件6 市级重点招商项目督办单
)

// Info describes a form.
type Info struct {
	ID         ID     `json:"id"`
	Attachment string `json:"attachment"` // "附件4"
	Title      string `json:"title"`      // "市级重点招商项目签约情况表"
}

var infos = [...]Info{
	{TaskListID, "附件2", "市级重点招商项目对接跟进任务清单"},
	{FollowupID, "附件3", "市级重点招商项目协调跟进情况表"},
	{SigningID, "附件4", "市级重点招商项目签约情况表"},
	{LandingID, "附件5", "市级重点招商项目落地进展情况表"},
	{SupervisionID, "附件6", "市级重点招商项目督办单"},
}

// All returns the five forms in attachment order.
func All() []Info { return append([]Info(nil), infos[:]...) }

// Lookup returns the form with this id.
func Lookup(id ID) (Info, bool) {
	for _, in := range infos {
		if in.ID == id {
			return in, true
		}
	}
	return Info{}, false
}

// LookupName finds a form by any name a clerk uses for it: its id
// ("signing", any case), its attachment ("附件4"), the attachment's number
// ("4", also full-width "４") or its title ("市级重点招商项目签约情况表").
// Blanks around the name are ignored.
func LookupName(name string) (Info, bool) {
	s := strings.TrimSpace(toHalfWidth(name))
	for _, in := range infos {
		if strings.EqualFold(s, string(in.ID)) || s == in.Attachment || s == strings.TrimPrefix(in.Attachment, "附件") ||
			s == in.Title {
			return in, true
		}
	}
	return Info{}, false
}

// Form is a filled form: *TaskList, *Followup, *Signing, *Landing,
// *Supervision or *SupervisionBatch.
type Form interface {
	// FormID returns the id of the form this value fills.
	FormID() ID
}

// FormID implements Form.
func (*TaskList) FormID() ID { return TaskListID }

// FormID implements Form.
func (*Followup) FormID() ID { return FollowupID }

// FormID implements Form.
func (*Signing) FormID() ID { return SigningID }

// FormID implements Form.
func (*Landing) FormID() ID { return LandingID }

// FormID implements Form.
func (*Supervision) FormID() ID { return SupervisionID }

// FormID implements Form.
func (*SupervisionBatch) FormID() ID { return SupervisionID }

// New returns a pointer to an empty form of this id.
func New(id ID) (Form, error) {
	switch id {
	case TaskListID:
		return new(TaskList), nil
	case FollowupID:
		return new(Followup), nil
	case SigningID:
		return new(Signing), nil
	case LandingID:
		return new(Landing), nil
	case SupervisionID:
		return new(Supervision), nil
	}
	return nil, fmt.Errorf("未知的表单“%s”，应为 tasklist、followup、signing、landing、supervision 之一", id)
}

// Parse decodes and validates the JSON input of form id. For supervision, a
// JSON array of orders or {"orders": [...]} gives a *SupervisionBatch and an
// object gives one *Supervision. On invalid input the error is Errors with
// every problem found, in row order (at most MaxErrors of them, see
// MaxErrors); the form is returned too, holding what was decoded. A value
// that could not be decoded is not also reported as missing or invalid.
func Parse(id ID, data []byte) (Form, error) {
	f, err := New(id)
	if err != nil {
		return nil, err
	}
	if id == SupervisionID && isBatch(data) {
		f = new(SupervisionBatch)
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
