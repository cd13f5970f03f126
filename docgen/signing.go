package docgen

import (
	"fmt"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/forms"
)

// signingWeights are the widths of 附件4's 23 columns in mm of the A3 type
// area (370 mm), chosen so that every header line of the seed fits at 小五
// (a line of n characters needs n × 3.175 mm + 2 mm); they are scaled for A4.
var signingWeights = []float64{
	8.5, 20, 18, 22.5, // 序号 项目投资方 所属500强名称及排名 总部所在地（国别/省市）
	8.5, 20, 15, 15, 15, // 项目序号 项目名称 项目承接方 总投资（亿元） 引进资金（亿元）
	8.5, 8.5, 8.5, 11.6, // 签约类型 合作方式 产业类别 投资方类别
	29, 14, 15, 12, 15, // 项目基本情况 项目所在地 所属市州 是否首次来潭投资 到位资金（万元）
	40, 15, 15, 15, 22, // 项目进展情况 是否履约（必填） 是否开工（必填） 是否投产 项目联系人及电话
}

// signingHeaders returns the 23 headers of 附件4, from the forms' label tags.
func signingHeaders() []string {
	var inv forms.Investor
	var p forms.Project
	h := []string{forms.Label(inv, "no"), forms.Label(inv, "investor"), forms.Label(inv, "top500"), forms.Label(inv, "hq")}
	for _, k := range []string{"no", "name", "undertaker", "totalInvestment", "introducedFunds", "signType",
		"cooperation", "industry", "investorType", "overview", "location", "city", "firstTime", "fundsInPlace",
		"progress", "fulfilled", "started", "producing", "contact"} {
		h = append(h, forms.Label(p, k))
	}
	return h
}

// signingAligns says which of the 23 columns are centred: numbers, codes,
// 是/否 and 序号.
var signingCentred = map[int]bool{0: true, 4: true, 7: true, 8: true, 9: true, 10: true, 11: true, 12: true,
	15: true, 16: true, 17: true, 19: true, 20: true, 21: true}

// composeSigning lays out 附件4 市级重点招商项目签约情况表: an investor's
// four cells merged over its projects' rows, and the legend row.
func composeSigning(f *forms.Signing, c *config) *layout.Document {
	paper := c.paper
	if paper.Name == "" {
		paper = layout.A3
	}
	page := landscapeTable(paper)
	size := sizeXiaoWu
	if paper != layout.A3 {
		size = sizeLiuHao
	}
	headers := signingHeaders()
	t := &layout.Table{Columns: widths(signingWeights, page.ContentWidth()), Padding: cellPadding(size), Border: 0.5, KeepRows: true}
	header := layout.Row{Header: true}
	for _, h := range headers {
		header.Cells = append(header.Cells, headerCell(h, size))
	}
	t.Rows = append(t.Rows, header)
	align := func(col int) layout.Align {
		if signingCentred[col] {
			return layout.AlignCenter
		}
		return layout.AlignLeft
	}
	cell := func(col int, lines []line) layout.Cell { return bodyCell(lines, size, align(col)) }
	var h *forms.Header
	if f == nil {
		for range 11 {
			t.Rows = append(t.Rows, blankRow(len(headers), size))
		}
	} else {
		h = &f.Header
		nums := f.RowNumbers()
		for i := range f.Rows {
			inv := &f.Rows[i]
			prefix, row := fmt.Sprintf("rows[%d]", i), fmt.Sprintf("第%d行", i+1)
			pnums := inv.ProjectNumbers()
			for j := range inv.Projects {
				var r layout.Row
				if j == 0 {
					span := len(inv.Projects)
					for col, key := range []string{"no", "investor", "top500", "hq"} {
						text := []string{itoa(nums[i]), inv.Investor, inv.Top500.String(), inv.HQ}[col]
						c := cell(col, linesOf(one(text), rowField(prefix, row, forms.Investor{}, key)))
						c.RowSpan = span
						r.Cells = append(r.Cells, c)
					}
				}
				pprefix, prow := fmt.Sprintf("%s.projects[%d]", prefix, j), fmt.Sprintf("%s第%d个项目", row, j+1)
				for k, lines := range projectCells(&inv.Projects[j], pnums[j], pprefix, prow) {
					r.Cells = append(r.Cells, cell(4+k, lines))
				}
				t.Rows = append(t.Rows, r)
			}
		}
	}
	t.Rows = append(t.Rows, legendRow(size))
	return tableDocumentWith(forms.SigningID, page, h, t, c)
}

// projectCells returns the printed lines of columns 5–23 of one project,
// each with its field (the project is at prefix, printed as row).
func projectCells(p *forms.Project, no int, prefix, row string) [][]line {
	f := func(key string) layout.Field { return rowField(prefix, row, forms.Project{}, key) }
	sub := func(key, sub string, sample any) layout.Field {
		fl := f(key)
		fl.Path += "." + sub
		fl.Label += "·" + joinedLabel(sample, sub)
		return fl
	}
	yesNo := func(y forms.YesNo) string { return string(y) }
	producing := p.Producing
	if producing == "" {
		producing = forms.No
	}
	inPlace := p.FundsInPlace.String()
	if p.FundsInPlace.IsZero() {
		inPlace = "0"
	}
	out := [][]line{}
	for _, c := range []struct{ key, text string }{
		{"no", itoa(no)}, {"name", p.Name}, {"undertaker", p.Undertaker},
		{"totalInvestment", p.TotalInvestment.String()}, {"introducedFunds", p.IntroducedFunds.String()},
		{"signType", string(p.SignType)}, {"cooperation", string(p.Cooperation)}, {"industry", string(p.Industry)},
		{"investorType", string(p.InvestorType)}, {"overview", p.Overview}, {"location", p.Location},
		{"city", p.CityOrDefault()}, {"firstTime", yesNo(p.FirstTime)}, {"fundsInPlace", inPlace},
	} {
		out = append(out, []line{{c.text, f(c.key)}})
	}
	out = append(out, []line{{p.Progress, f("progress")},
		{"工商注册名称：" + p.Company.Name, sub("company", "name", forms.Company{})},
		{"统一社会信用代码：" + p.Company.CreditCode, sub("company", "creditCode", forms.Company{})}})
	for _, y := range []struct {
		key string
		v   forms.YesNo
	}{{"fulfilled", p.Fulfilled}, {"started", p.Started}, {"producing", producing}} {
		out = append(out, []line{{yesNo(y.v), f(y.key)}})
	}
	return append(out, []line{{p.Contact.Name, sub("contact", "name", forms.Contact{})},
		{p.Contact.Phone, sub("contact", "phone", forms.Contact{})}})
}

// legendRow is the row under 附件4's table: the four code lists side by
// side, one entry a line, as the seed prints them.
func legendRow(size layout.Length) layout.Row {
	sets := []forms.CodeSet{forms.SignTypes(), forms.Cooperations(), forms.Industries(), forms.InvestorTypes()}
	spans := []int{5, 6, 6, 6} // 23 columns
	var r layout.Row
	for i, set := range sets {
		lines := []string{set.Label + "："}
		for _, e := range set.Entries {
			lines = append(lines, e.Legend)
		}
		c := bodyCell(linesOf(lines, layout.Field{}), size, layout.AlignLeft)
		c.ColSpan = spans[i]
		c.VAlign = layout.VAlignTop
		r.Cells = append(r.Cells, c)
	}
	return r
}
