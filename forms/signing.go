package forms

import "reflect"

// SigningID is 附件4 市级重点招商项目签约情况表.
const SigningID ID = "signing"

var signingForm = definition{
	Info: Info{ID: SigningID, Attachment: "附件4", Title: "市级重点招商项目签约情况表"},
	new:  func() Form { return new(Signing) },
}

// FormID implements Form.
func (*Signing) FormID() ID { return SigningID }

// Signing is 附件4 市级重点招商项目签约情况表. Its table has two levels: an
// investor (columns 1–4, merged vertically) and the investor's projects
// (columns 5–23, one table row each).
type Signing struct {
	Header
	Rows []Investor `json:"rows" label:"表格" row:"第%d行" validate:"required,min=1,dive"`
}

// investorsType is the type of 附件4's rows, whose projects are counted
// against MaxProjects before they are decoded.
var investorsType = reflect.TypeFor[[]Investor]()

// Investor is one investor of 附件4 with its projects.
type Investor struct {
	No       int       `json:"no,omitempty" label:"序号" validate:"min=0"`
	Investor string    `json:"investor" label:"项目|投资方" validate:"required,max=100,oneline"`
	Top500   Top500    `json:"top500,omitzero" label:"所属500强名称及排名"`
	HQ       string    `json:"hq" label:"总部所在地|（国别/省市）" validate:"required,max=60,oneline"`
	Projects []Project `json:"projects" label:"项目" row:"第%d个项目" validate:"required,min=1,max=100,dive"`
}

// Project is one project of an investor in 附件4 (columns 5–23).
type Project struct {
	No              int          `json:"no,omitempty" label:"项目|序号" validate:"min=0"`
	Name            string       `json:"name" label:"项目名称" validate:"required,max=100,oneline"`
	Undertaker      string       `json:"undertaker" label:"项目|承接方" validate:"required,max=100,oneline"`
	TotalInvestment Amount       `json:"totalInvestment" label:"总投资|（亿元）" validate:"required,amount,amountpos,amountmax=亿元"`
	IntroducedFunds Amount       `json:"introducedFunds" label:"引进|资金|（亿元）" validate:"required,amount,amountmax=亿元"`
	SignType        SignType     `json:"signType" label:"签约|类型" validate:"required,code"`
	Cooperation     Cooperation  `json:"cooperation" label:"合作|方式" validate:"required,code"`
	Industry        Industry     `json:"industry" label:"产业|类别" validate:"required,code"`
	InvestorType    InvestorType `json:"investorType" label:"投资方|类别" validate:"required,code"`
	Overview        string       `json:"overview" label:"项目基本情况" validate:"required,max=2000,nocontrol"`
	Location        string       `json:"location" label:"项目|所在地" validate:"required,max=60,oneline"`
	// City defaults to 湘潭市 when empty.
	City      string `json:"city,omitempty" label:"所属市州" validate:"hunancity"`
	FirstTime YesNo  `json:"firstTime" label:"是否首次来潭投资" validate:"required,yesno"`
	// FundsInPlace is in 万元 and defaults to 0.
	FundsInPlace Amount  `json:"fundsInPlace,omitempty" label:"到位|资金|（万元）" validate:"amount,amountmax=万元"`
	Progress     string  `json:"progress" label:"项目进展情况（工商注册名称及代码必填）" validate:"required,max=2000,nocontrol"`
	Company      Company `json:"company" label:"项目进展情况（工商注册名称及代码必填）"`
	Fulfilled    YesNo   `json:"fulfilled" label:"是否|履约|（必填）" validate:"required,yesno"`
	Started      YesNo   `json:"started" label:"是否|开工|（必填）" validate:"required,yesno"`
	// Producing defaults to 否.
	Producing YesNo   `json:"producing,omitempty" label:"是否投产" validate:"yesno"`
	Contact   Contact `json:"contact" label:"项目联系人及电话"`
}

// DefaultCity is 所属市州 when a project leaves it empty.
const DefaultCity = "湘潭市"

// CityOrDefault returns City, or DefaultCity when empty.
func (p *Project) CityOrDefault() string {
	if p.City == "" {
		return DefaultCity
	}
	return p.City
}

// RowNumbers returns the 序号 printed for each investor (see Numbers).
func (f *Signing) RowNumbers() []int { return rowNumbers(f.Rows) }

// ProjectNumbers returns the 项目序号 printed for each project, numbered
// within the investor (see Numbers).
func (inv *Investor) ProjectNumbers() []int { return rowNumbers(inv.Projects) }

func (r Investor) rowNo() int { return r.No }

func (p Project) rowNo() int { return p.No }
