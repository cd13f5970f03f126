package forms

import "strings"

// SupervisionID is 附件6 市级重点招商项目督办单.
const SupervisionID ID = "supervision"

var supervisionForm = definition{
	Info:  Info{ID: SupervisionID, Attachment: "附件6", Title: "市级重点招商项目督办单"},
	new:   func() Form { return new(Supervision) },
	batch: func() Form { return new(SupervisionBatch) },
}

// FormID implements Form.
func (*Supervision) FormID() ID { return SupervisionID }

// Supervision is one 附件6 市级重点招商项目督办单: a supervision order sent to
// a unit, with what to do, the requirements and the deadline.
type Supervision struct {
	// Number is the optional document number, e.g. "督办〔2026〕12号".
	Number string `json:"number,omitempty" label:"督办单编号" validate:"max=40,oneline,docnumber"`
	// Date is printed as "年 月 日" under the title.
	Date         Date   `json:"date" label:"日期" validate:"required,date"`
	Target       string `json:"target" label:"督办单位" validate:"required,max=100,oneline"`
	Content      string `json:"content" label:"督办内容" validate:"required,max=2000,nocontrol"`
	Requirements string `json:"requirements" label:"工作要求" validate:"required,max=2000,nocontrol"`
	From         Date   `json:"from" label:"完成时限·开始日期" validate:"required,date"`
	To           Date   `json:"to" label:"完成时限·截止日期" validate:"required,date"`
	Issuer       string `json:"issuer" label:"督办单|签发单位" validate:"required,max=60,oneline"`
	// IssueDate defaults to Date.
	IssueDate Date `json:"issueDate,omitempty" label:"签发日期" validate:"omitempty,date"`
	// Seal names a seal image known to the server; see Header.Seal.
	Seal string `json:"seal,omitempty" label:"印章" validate:"max=60,oneline"`
}

// FormDate implements Form: 日期.
func (s *Supervision) FormDate() Date { return s.Date }

// SealIDs implements Form: the issuer's seal, if named.
func (s *Supervision) SealIDs() []string { return sealIDs(s.Seal) }

// IssueDateOrDefault returns IssueDate, or Date when empty.
func (s *Supervision) IssueDateOrDefault() Date {
	if s.IssueDate == "" {
		return s.Date
	}
	return s.IssueDate
}

// Deadline renders 完成时限: "2026年12月1日（星期二）至12月7日（星期一）" — the
// year after 至 only when it differs, the month always.
func (s *Supervision) Deadline() string {
	var b strings.Builder
	b.WriteString(s.From.Chinese())
	b.WriteString("（" + s.From.Weekday() + "）至")
	ft, ferr := s.From.Time()
	tt, terr := s.To.Time()
	if ferr == nil && terr == nil && ft.Year() == tt.Year() {
		b.WriteString(s.To.MonthDay())
	} else {
		b.WriteString(s.To.Chinese())
	}
	b.WriteString("（" + s.To.Weekday() + "）")
	return b.String()
}

// SupervisionBatch is many supervision orders, printed in input order.
type SupervisionBatch []Supervision

// FormID implements Form.
func (*SupervisionBatch) FormID() ID { return SupervisionID }

// FormDate implements Form: the first order's 日期 ("" for no orders).
func (b *SupervisionBatch) FormDate() Date {
	if len(*b) == 0 {
		return ""
	}
	return (*b)[0].Date
}

// SealIDs implements Form: the seals the orders name, each once, in order.
func (b *SupervisionBatch) SealIDs() []string {
	ids := make([]string, len(*b))
	for i := range *b {
		ids[i] = (*b)[i].Seal
	}
	return sealIDs(ids...)
}

func (*SupervisionBatch) rowFormat() string { return "第%d份督办单" }
