package merge_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/zsdoc/zsdoc/forms"
)

// validCodes are 统一社会信用代码 with correct check characters (spec §5).
var validCodes = []string{"91350100M000100Y43", "914403001922038216", "91110108795101314G", "91430300184711279E", "914303007170577687"}

var locations = []string{"雨湖区", "岳塘区", "湘潭县", "湘乡市", "韶山市", "湘潭高新区", "湘潭经开区"}

// investorNames is the pool units draw their investors from, so that
// units share investors (with blanks around some names).
func investorName(r *rand.Rand, pool int) (string, int) {
	key := r.IntN(pool)
	n := fmt.Sprintf("投资集团%02d有限公司", key)
	switch r.IntN(6) {
	case 0:
		return " " + n, key
	case 1:
		return n + "\u3000", key
	}
	return n, key
}

// amountIn returns a random amount from 0.0001 to max with up to four
// decimals.
func amountIn(r *rand.Rand, max int64) decimal.Decimal {
	return decimal.New(1+r.Int64N(max*10000), -4)
}

// genSigning makes a valid 附件4 of unit with n projects under investors
// drawn from the shared pool; every investor's 总部所在地 and 500强 entry
// depend only on its name, so that units agree on them.
func genSigning(t testing.TB, r *rand.Rand, unit string, date forms.Date, n, pool int) *forms.Signing {
	t.Helper()
	f := &forms.Signing{Header: forms.Header{Unit: unit, Date: date}}
	byName := map[string]int{}
	yes := func() forms.YesNo { return forms.YesNoOf(r.IntN(2) == 0) }
	sets := []forms.CodeSet{forms.SignTypes(), forms.Cooperations(), forms.Industries(), forms.InvestorTypes()}
	code := func(k int) string { e := sets[k].Entries; return e[r.IntN(len(e))].Code }
	for j := range n {
		name, key := investorName(r, pool)
		k, ok := byName[name]
		if !ok {
			inv := forms.Investor{Investor: name, HQ: fmt.Sprintf("总部%d", key)}
			switch key % 4 {
			case 0:
				inv.Top500 = forms.Top500{List: forms.Top500World, Year: 2025, Rank: 1 + key%500}
			case 1:
				inv.Top500 = forms.Top500{List: forms.Top500Private, Year: 2025, Rank: 1 + key%500}
			case 2:
				inv.Top500 = forms.Top500{Text: fmt.Sprintf("2024年中国企业500强第%d位", 1+key%500)}
			}
			f.Rows = append(f.Rows, inv)
			k = len(f.Rows) - 1
			byName[name] = k
		}
		total := amountIn(r, 500)
		intro := total.Mul(decimal.New(r.Int64N(11), -1)).Round(4)
		funds := decimal.Zero
		if !intro.IsZero() {
			funds = intro.Mul(decimal.NewFromInt(r.Int64N(10001))).Round(4)
		}
		started := yes()
		producing := forms.No
		if started.Bool() && r.IntN(2) == 0 {
			producing = forms.Yes
		}
		p := forms.Project{
			Name: fmt.Sprintf("%s项目%d", unit, j), Undertaker: unit,
			TotalInvestment: forms.AmountOf(total), IntroducedFunds: forms.AmountOf(intro),
			SignType: forms.SignType(code(0)), Cooperation: forms.Cooperation(code(1)), Industry: forms.Industry(code(2)),
			InvestorType: forms.InvestorType(code(3)), Overview: "建设内容。", Location: locations[r.IntN(len(locations))],
			FirstTime: yes(), Progress: "进展。", Company: forms.Company{Name: "湘潭某公司", CreditCode: validCodes[r.IntN(len(validCodes))]},
			Fulfilled: yes(), Started: started, Producing: producing,
			Contact: forms.Contact{Name: "张某", Phone: fmt.Sprintf("138073%05d", r.IntN(100000))},
		}
		if r.IntN(5) > 0 {
			p.FundsInPlace = forms.AmountOf(funds)
		}
		f.Rows[k].Projects = append(f.Rows[k].Projects, p)
	}
	if err := forms.Validate(f); err != nil {
		t.Fatalf("generated 附件4 invalid: %v", err)
	}
	return f
}

func randFor(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 13)) }
