package docgen

import (
	"fmt"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/forms"
)

// The widths of 附件4's 23 columns are weights in mm of the A3 type area
// (370 mm), chosen so that every header line of the seed fits at 小五 (a
// line of n characters needs n × 3.175 mm + 2 mm); they are scaled for A4.
// Numbers, codes, 是/否 and 序号 are centred.

// investorColumns are columns 1–4, merged over the investor's projects.
func investorColumns() []column[forms.Investor] {
	var r forms.Investor
	text := func(get func(*forms.Investor) string) func(int, *forms.Investor) []string {
		return func(_ int, r *forms.Investor) []string { return one(get(r)) }
	}
	return []column[forms.Investor]{
		{forms.Label(r, "no"), "no", 8.5, layout.AlignCenter, func(no int, _ *forms.Investor) []string { return one(itoa(no)) }, nil},
		{forms.Label(r, "investor"), "investor", 20, layout.AlignLeft, text(func(r *forms.Investor) string { return r.Investor }), nil},
		{forms.Label(r, "top500"), "top500", 18, layout.AlignLeft, text(func(r *forms.Investor) string { return r.Top500.String() }), nil},
		{forms.Label(r, "hq"), "hq", 22.5, layout.AlignLeft, text(func(r *forms.Investor) string { return r.HQ }), nil},
	}
}

// projectColumns are columns 5–23, one table row per project.
func projectColumns() []column[forms.Project] {
	var r forms.Project
	type p = forms.Project
	col := func(key string, weight float64, align layout.Align, get func(*p) string) column[p] {
		return column[p]{forms.Label(r, key), key, weight, align, func(_ int, r *p) []string { return one(get(r)) }, nil}
	}
	yesNo := func(get func(*p) forms.YesNo) func(*p) string { return func(r *p) string { return string(get(r)) } }
	c, l := layout.AlignCenter, layout.AlignLeft
	return []column[p]{
		{forms.Label(r, "no"), "no", 8.5, c, func(no int, _ *p) []string { return one(itoa(no)) }, nil},
		col("name", 20, l, func(r *p) string { return r.Name }),
		col("undertaker", 15, l, func(r *p) string { return r.Undertaker }),
		col("totalInvestment", 15, c, func(r *p) string { return r.TotalInvestment.String() }),
		col("introducedFunds", 15, c, func(r *p) string { return r.IntroducedFunds.String() }),
		col("signType", 8.5, c, func(r *p) string { return string(r.SignType) }),
		col("cooperation", 8.5, c, func(r *p) string { return string(r.Cooperation) }),
		col("industry", 8.5, c, func(r *p) string { return string(r.Industry) }),
		col("investorType", 11.6, c, func(r *p) string { return string(r.InvestorType) }),
		col("overview", 29, l, func(r *p) string { return r.Overview }),
		col("location", 14, l, func(r *p) string { return r.Location }),
		col("city", 15, c, (*p).CityOrDefault),
		col("firstTime", 12, c, yesNo(func(r *p) forms.YesNo { return r.FirstTime })),
		col("fundsInPlace", 15, c, func(r *p) string {
			if r.FundsInPlace.IsZero() {
				return "0"
			}
			return r.FundsInPlace.String()
		}),
		{forms.Label(r, "progress"), "progress", 40, l, nil, func(_ int, r *p, field func(string) layout.Field) []line {
			return []line{{r.Progress, field("progress")},
				{"工商注册名称：" + r.Company.Name, subField(field("company"), "name", forms.Company{})},
				{"统一社会信用代码：" + r.Company.CreditCode, subField(field("company"), "creditCode", forms.Company{})}}
		}},
		col("fulfilled", 15, c, yesNo(func(r *p) forms.YesNo { return r.Fulfilled })),
		col("started", 15, c, yesNo(func(r *p) forms.YesNo { return r.Started })),
		col("producing", 15, c, yesNo(func(r *p) forms.YesNo {
			if r.Producing == "" {
				return forms.No
			}
			return r.Producing
		})),
		{forms.Label(r, "contact"), "contact", 22, l, nil, func(_ int, r *p, field func(string) layout.Field) []line {
			return []line{{r.Contact.Name, subField(field("contact"), "name", forms.Contact{})},
				{r.Contact.Phone, subField(field("contact"), "phone", forms.Contact{})}}
		}},
	}
}

// signingLayout lays out 附件4 市级重点招商项目签约情况表: an investor's
// four cells merged over its projects' rows, and the legend row.
var signingLayout = formLayout{id: forms.SigningID, compose: func(f forms.Form, c *config) (*layout.Document, error) {
	var s *forms.Signing
	if f != nil {
		var err error
		if s, err = formOf[forms.Signing](f); err != nil {
			return nil, err
		}
	}
	return composeSigning(s, c)
}}

// The columns of 附件4, built once (they are never changed).
var (
	signingInvestorCols = investorColumns()
	signingProjectCols  = projectColumns()
)

func composeSigning(f *forms.Signing, c *config) (*layout.Document, error) {
	paper := c.paper
	if paper == "" {
		paper = A3
	}
	page := landscapeTable(paper.size())
	size := sizeXiaoWu
	if paper != A3 {
		size = sizeLiuHao
	}
	invCols, projCols := signingInvestorCols, signingProjectCols
	t := &layout.Table{Columns: widths(append(weightsOf(invCols), weightsOf(projCols)...), page.ContentWidth()),
		Padding: cellPadding(size), Border: 0.5, KeepRows: true}
	t.Rows = append(t.Rows, layout.Row{Header: true, Cells: append(headers(invCols, size), headers(projCols, size)...)})
	var h *forms.Header
	if f == nil {
		for range 11 {
			t.Rows = append(t.Rows, blankRow(len(invCols)+len(projCols), size))
		}
	} else {
		h = &f.Header
		nums := f.RowNumbers()
		for i := range f.Rows {
			inv := &f.Rows[i]
			prefix, row := fmt.Sprintf("rows[%d]", i), fmt.Sprintf("第%d行", i+1)
			invField := func(key string) layout.Field { return rowField(prefix, row, forms.Investor{}, key) }
			pnums := inv.ProjectNumbers()
			for j := range inv.Projects {
				var r layout.Row
				if j == 0 {
					for k := range invCols {
						col := &invCols[k]
						cell := typed(bodyCell(col.cell(nums[i], inv, invField), size, col.align), forms.Investor{}, col.key)
						cell.RowSpan = len(inv.Projects)
						r.Cells = append(r.Cells, cell)
					}
				}
				pprefix, prow := fmt.Sprintf("%s.projects[%d]", prefix, j), fmt.Sprintf("%s第%d个项目", row, j+1)
				projField := func(key string) layout.Field { return rowField(pprefix, prow, forms.Project{}, key) }
				for k := range projCols {
					col := &projCols[k]
					r.Cells = append(r.Cells, typed(bodyCell(col.cell(pnums[j], &inv.Projects[j], projField), size, col.align), forms.Project{}, col.key))
				}
				t.Rows = append(t.Rows, r)
			}
		}
	}
	t.Rows = append(t.Rows, legendRow(size))
	if err := c.sizeColumns(t, page); err != nil {
		return nil, err
	}
	return tableDocument(forms.SigningID, page, h, t, c)
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
