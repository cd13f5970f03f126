package forms

// LandingID is 附件5 市级重点招商项目落地进展情况表.
const LandingID ID = "landing"

var landingForm = definition{
	Info: Info{ID: LandingID, Attachment: "附件5", Title: "市级重点招商项目落地进展情况表"},
	new:  func() Form { return new(Landing) },
}

// FormID implements Form.
func (*Landing) FormID() ID { return LandingID }

// Landing is 附件5 市级重点招商项目落地进展情况表: monthly progress of the
// projects being landed.
type Landing struct {
	Header
	Rows []LandingRow `json:"rows" label:"表格" row:"第%d行" validate:"required,min=1,dive"`
}

// LandingRow is one project of 附件5.
type LandingRow struct {
	No         int    `json:"no,omitempty" label:"序号" validate:"min=0"`
	Name       string `json:"name" label:"项目名称" validate:"required,max=100,oneline"`
	Undertaker string `json:"undertaker" label:"项目承接方" validate:"required,max=100,oneline"`
	Investor   string `json:"investor" label:"项目投资方" validate:"required,max=100,oneline"`
	// TotalInvestment is in 亿元; the table prints the unit ("12.5亿元").
	TotalInvestment Amount `json:"totalInvestment" label:"总投资" validate:"required,amount,amountpos,amountmax=亿元"`
	Overview        string `json:"overview" label:"项目基本情况" validate:"required,max=2000,nocontrol"`
	Progress        string `json:"progress" label:"项目落地进展情况" validate:"required,max=2000,nocontrol"`
	Remarks         string `json:"remarks,omitempty" label:"备注" validate:"max=2000,nocontrol"`
}

// RowNumbers returns the 序号 printed for each row (see Numbers).
func (f *Landing) RowNumbers() []int { return rowNumbers(f.Rows) }

func (r LandingRow) rowNo() int { return r.No }
