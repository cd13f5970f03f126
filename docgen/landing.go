package docgen

import (
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/forms"
)

// landingColumns are the columns of 附件5 (weights in mm of 225 mm).
func landingColumns() []column[forms.LandingRow] {
	var r forms.LandingRow
	return []column[forms.LandingRow]{
		{forms.Label(r, "no"), "no", 11, layout.AlignCenter, func(no int, _ *forms.LandingRow) []string { return one(itoa(no)) }, nil},
		{forms.Label(r, "name"), "name", 30, layout.AlignLeft, func(_ int, r *forms.LandingRow) []string { return one(r.Name) }, nil},
		{forms.Label(r, "undertaker"), "undertaker", 26, layout.AlignLeft, func(_ int, r *forms.LandingRow) []string { return one(r.Undertaker) }, nil},
		{forms.Label(r, "investor"), "investor", 28, layout.AlignLeft, func(_ int, r *forms.LandingRow) []string { return one(r.Investor) }, nil},
		// The header has no unit, so the cell carries it: "12.5亿元".
		{forms.Label(r, "totalInvestment"), "totalInvestment", 18, layout.AlignCenter, func(_ int, r *forms.LandingRow) []string {
			return one(r.TotalInvestment.String() + "亿元")
		}, nil},
		{forms.Label(r, "overview"), "overview", 44, layout.AlignLeft, func(_ int, r *forms.LandingRow) []string { return one(r.Overview) }, nil},
		{forms.Label(r, "progress"), "progress", 46, layout.AlignLeft, func(_ int, r *forms.LandingRow) []string { return one(r.Progress) }, nil},
		{forms.Label(r, "remarks"), "remarks", 22, layout.AlignLeft, func(_ int, r *forms.LandingRow) []string { return one(r.Remarks) }, nil},
	}
}

// landingLayout lays out 附件5 市级重点招商项目落地进展情况表.
var landingLayout = tableForm(forms.LandingID,
	tableSpec[forms.LandingRow]{columns: landingColumns(), size: sizeWu, blanks: 4},
	func(f *forms.Landing) (*forms.Header, []forms.LandingRow, []int) {
		return &f.Header, f.Rows, f.RowNumbers()
	})
