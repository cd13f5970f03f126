package forms

// FollowupID is 附件3 市级重点招商项目协调跟进情况表.
const FollowupID ID = "followup"

var followupForm = definition{
	Info: Info{ID: FollowupID, Attachment: "附件3", Title: "市级重点招商项目协调跟进情况表"},
	new:  func() Form { return new(Followup) },
}

// FormID implements Form.
func (*Followup) FormID() ID { return FollowupID }

// Followup is 附件3 市级重点招商项目协调跟进情况表: the columns of 附件2
// followed by the progress made and the problems met.
type Followup struct {
	Header
	Rows []FollowupRow `json:"rows" label:"表格" row:"第%d行" validate:"required,min=1,dive"`
}

// FollowupRow is one project of 附件3: every column of 附件2, then two more.
type FollowupRow struct {
	TaskRow
	Progress string `json:"progress" label:"进展情况" validate:"required,max=2000,nocontrol"`
	// Problems may stay empty; it then prints empty, not "无".
	Problems string `json:"problems,omitempty" label:"存在的困难和问题" validate:"max=2000,nocontrol"`
}

// RowNumbers returns the 序号 printed for each row (see Numbers).
func (f *Followup) RowNumbers() []int { return rowNumbers(f.Rows) }
