package forms

import (
	"encoding/json"
	"fmt"
	"testing"
)

// signing100 builds a valid 附件4 with 100 projects: 20 investors of 5
// projects each, with every optional column filled.
func signing100(tb testing.TB) *Signing {
	tb.Helper()
	f := &Signing{Header: Header{Unit: "湘潭市商务局", Date: "2026-11-26", Seal: "specimen"}}
	for i := range 20 {
		inv := Investor{
			Investor: fmt.Sprintf("华东新能源科技集团第%d分公司", i+1),
			Top500:   Top500{List: Top500World, Year: 2025, Rank: i + 1},
			HQ:       "江苏省常州市",
		}
		for j := range 5 {
			inv.Projects = append(inv.Projects, Project{
				Name:            fmt.Sprintf("新能源汽车电驱动系统生产基地%d期", j+1),
				Undertaker:      "湘潭经开区管委会",
				TotalInvestment: "28.5",
				IntroducedFunds: "20.25",
				SignType:        SignContract,
				Cooperation:     CoopJointVenture,
				Industry:        IndustryManufacturing,
				InvestorType:    InvestorPrivate,
				Overview:        "建设电驱动系统、热管理系统零部件生产线及研发中心，达产后年产值40亿元。",
				Location:        "湘潭经开区",
				City:            "湘潭市",
				FirstTime:       Yes,
				FundsInPlace:    "50000",
				Progress:        "一期厂房主体封顶，设备招标完成。\n二期规划设计中。",
				Company:         Company{Name: "湘潭华东电驱科技有限公司", CreditCode: "91430300184711279E"},
				Fulfilled:       Yes,
				Started:         Yes,
				Producing:       No,
				Contact:         Contact{Name: "刘某某", Phone: "0731-57619998"},
			})
		}
		f.Rows = append(f.Rows, inv)
	}
	return f
}

func BenchmarkValidateSigning100(b *testing.B) {
	f := signing100(b)
	if err := Validate(f); err != nil {
		b.Fatalf("the benchmark input is invalid: %v", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Validate(f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseSigning100(b *testing.B) {
	data, err := json.Marshal(signing100(b))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Parse(SigningID, data); err != nil {
		b.Fatalf("the benchmark input is invalid: %v", err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(SigningID, data); err != nil {
			b.Fatal(err)
		}
	}
}
