package merge

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/zsdoc/zsdoc/forms"
)

// Summary is the 汇总统计 of a form: tables of counts and exact sums.
type Summary struct {
	Form   forms.ID
	Tables []Table
}

// Table is one breakdown: a row per value of a field, and a total row.
type Table struct {
	// Title says what the rows are: "按产业类别".
	Title string
	// Columns are the header: the field's label, then what each value
	// counts: "项目数", "总投资（亿元）" …
	Columns []string
	Rows    []Row
	// Total is the 合计 row; nil where a total means nothing (rates).
	Total *Row
}

// Row is a labelled row of exact values, one per column after the first.
type Row struct {
	Label  string
	Values []decimal.Decimal
}

// The columns of the signing breakdowns.
var signingSums = []string{"项目数", "总投资（亿元）", "引进资金（亿元）", "到位资金（万元）"}

// Summarize counts the form: for 附件4 the projects and the sums of 总投资,
// 引进资金 and 到位资金 by 产业类别, 合作方式, 投资方类别, 签约类型 and 项目所在地,
// the 是/否 answers (是否履约, 是否开工, 是否投产, 是否首次来潭投资) with
// their rates, and the investors on each 500强 list; for 附件5 the projects
// and 总投资 by 项目承接方; for 附件2 and 附件3 the projects by 承接责任单位.
// Sums are exact decimals; a rate is a percentage rounded half away from
// zero to two decimals. The form must be valid (forms.Validate).
func Summarize(f forms.Form) *Summary {
	s := &Summary{Form: f.FormID()}
	switch f := f.(type) {
	case *forms.Signing:
		s.Tables = signingTables(f)
	case *forms.Landing:
		t := newBreakdown("按"+forms.Label(forms.LandingRow{}, "undertaker"), forms.Label(forms.LandingRow{}, "undertaker"), nil,
			[]string{"项目数", "总投资（亿元）"})
		for _, r := range f.Rows {
			t.add(r.Undertaker, amount(r.TotalInvestment))
		}
		s.Tables = []Table{t.table()}
	case *forms.TaskList:
		s.Tables = []Table{ownerTable(f.Rows)}
	case *forms.Followup:
		rows := make([]forms.TaskRow, len(f.Rows))
		for i, r := range f.Rows {
			rows[i] = r.TaskRow
		}
		s.Tables = []Table{ownerTable(rows)}
	}
	return s
}

func ownerTable(rows []forms.TaskRow) Table {
	label := strings.ReplaceAll(forms.Label(forms.TaskRow{}, "owner"), "|", "")
	t := newBreakdown("按"+label, label, nil, []string{"项目数"})
	for _, r := range rows {
		t.add(r.Owner)
	}
	return t.table()
}

func signingTables(f *forms.Signing) []Table {
	var p forms.Project
	label := func(key string) string { return strings.ReplaceAll(forms.Label(p, key), "|", "") }
	codes := func(set forms.CodeSet) []entry {
		out := make([]entry, len(set.Entries))
		for i, e := range set.Entries {
			out[i] = entry{e.Code, e.Legend}
		}
		return out
	}
	bys := []*breakdown{
		newBreakdown("按"+label("industry"), label("industry"), codes(forms.Industries()), signingSums),
		newBreakdown("按"+label("cooperation"), label("cooperation"), codes(forms.Cooperations()), signingSums),
		newBreakdown("按"+label("investorType"), label("investorType"), codes(forms.InvestorTypes()), signingSums),
		newBreakdown("按"+label("signType"), label("signType"), codes(forms.SignTypes()), signingSums),
		newBreakdown("按"+label("location"), label("location"), nil, signingSums),
	}
	yesNo := []struct {
		key string
		get func(*forms.Project) forms.YesNo
	}{
		{"fulfilled", func(p *forms.Project) forms.YesNo { return p.Fulfilled }},
		{"started", func(p *forms.Project) forms.YesNo { return p.Started }},
		{"producing", func(p *forms.Project) forms.YesNo { return p.Producing }},
		{"firstTime", func(p *forms.Project) forms.YesNo { return p.FirstTime }},
	}
	yes := make([]int64, len(yesNo))
	var projects int64
	lists := []string{forms.Top500World, forms.Top500China, forms.Top500Private, forms.Top500Other}
	top := newBreakdown("按500强榜单", "榜单", entriesOf(lists), []string{"投资方数", "项目数", "总投资（亿元）"})
	for i := range f.Rows {
		inv := &f.Rows[i]
		var invTotal decimal.Decimal
		for j := range inv.Projects {
			pr := &inv.Projects[j]
			projects++
			total, intro, funds := amount(pr.TotalInvestment), amount(pr.IntroducedFunds), amount(pr.FundsInPlace)
			invTotal = invTotal.Add(total)
			for k, key := range []string{string(pr.Industry), string(pr.Cooperation), string(pr.InvestorType), string(pr.SignType), strings.TrimSpace(pr.Location)} {
				bys[k].add(key, total, intro, funds)
			}
			for k, q := range yesNo {
				if q.get(pr).Bool() {
					yes[k]++
				}
			}
		}
		if list := top500List(inv.Top500); list != "" {
			top.addCounted(list, []decimal.Decimal{decimal.NewFromInt(1), decimal.NewFromInt(int64(len(inv.Projects))), invTotal})
		}
	}
	var out []Table
	for _, b := range bys {
		out = append(out, b.table())
	}
	rates := Table{Title: "履约、开工、投产和首次来潭投资", Columns: []string{"项目", "是", "否", "项目数", "比例（%）"}}
	for k, q := range yesNo {
		l := label(q.key)
		if i := strings.Index(l, "（"); i > 0 { // "是否履约（必填）" → "是否履约"
			l = l[:i]
		}
		rates.Rows = append(rates.Rows, Row{Label: l, Values: []decimal.Decimal{
			decimal.NewFromInt(yes[k]), decimal.NewFromInt(projects - yes[k]), decimal.NewFromInt(projects), Rate(yes[k], projects)}})
	}
	return append(out, rates, top.table())
}

// Rate is part/whole as a percentage rounded half away from zero to two
// decimals; 0 when whole is 0.
func Rate(part, whole int64) decimal.Decimal {
	if whole == 0 {
		return decimal.Zero
	}
	return decimal.NewFromInt(part*100).DivRound(decimal.NewFromInt(whole), 2)
}

// top500List returns the list an entry of 所属500强名称及排名 names: the
// object's list, or for free text the list it mentions (其他 for a 500强
// list of another name); "" for an investor on no list, free text that
// names no 500强 list ("无", "/") included.
func top500List(t forms.Top500) string {
	switch {
	case t.IsZero():
		return ""
	case t.Text == "":
		return t.List
	}
	for _, l := range []string{forms.Top500Private, forms.Top500China, forms.Top500World} {
		if strings.Contains(t.Text, l) {
			return l
		}
	}
	if strings.Contains(t.Text, "500") {
		return forms.Top500Other
	}
	return ""
}

// amount is an amount as a decimal; zero when not given.
func amount(a forms.Amount) decimal.Decimal {
	if a.IsZero() {
		return decimal.Zero
	}
	d, _ := a.Decimal() // a valid form's amounts parse
	return d
}
