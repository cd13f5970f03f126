package merge_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"os/exec"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/merge"
)

// independent computes the breakdowns of a 附件4 from its JSON with
// math/big and generic maps — no code shared with package merge: for each
// dimension, value → [projects, 总投资, 引进资金, 到位资金] as exact
// rationals; the 是 counts; the investors by 500强 list.
type independent struct {
	dims  map[string]map[string][4]*big.Rat
	yes   map[string]int
	n     int
	lists map[string]int
}

func compute(t *testing.T, f forms.Form) independent {
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	rat := func(v any) *big.Rat {
		r := new(big.Rat)
		if v == nil {
			return r
		}
		if _, ok := r.SetString(fmt.Sprint(v)); !ok {
			t.Fatalf("not a number: %v", v)
		}
		return r
	}
	in := independent{dims: map[string]map[string][4]*big.Rat{}, yes: map[string]int{}, lists: map[string]int{}}
	for _, inv := range doc["rows"].([]any) {
		inv := inv.(map[string]any)
		if top, ok := inv["top500"].(map[string]any); ok {
			list, _ := top["list"].(string)
			if text, ok := top["text"].(string); ok {
				switch {
				case strings.Contains(text, "中国民营企业500强"):
					list = "中国民营企业500强"
				case strings.Contains(text, "中国企业500强"):
					list = "中国企业500强"
				case strings.Contains(text, "世界500强"):
					list = "世界500强"
				default:
					list = "其他"
				}
			}
			if list != "" {
				in.lists[list]++
			}
		}
		for _, p := range inv["projects"].([]any) {
			p := p.(map[string]any)
			in.n++
			for _, dim := range []string{"industry", "cooperation", "investorType", "signType", "location"} {
				key := strings.TrimSpace(p[dim].(string))
				if in.dims[dim] == nil {
					in.dims[dim] = map[string][4]*big.Rat{}
				}
				s, ok := in.dims[dim][key]
				if !ok {
					s = [4]*big.Rat{new(big.Rat), new(big.Rat), new(big.Rat), new(big.Rat)}
				}
				s[0].Add(s[0], big.NewRat(1, 1))
				s[1].Add(s[1], rat(p["totalInvestment"]))
				s[2].Add(s[2], rat(p["introducedFunds"]))
				s[3].Add(s[3], rat(p["fundsInPlace"]))
				in.dims[dim][key] = s
			}
			for _, q := range []string{"fulfilled", "started", "producing", "firstTime"} {
				if p[q] == true {
					in.yes[q]++
				}
			}
		}
	}
	return in
}

// The 汇总统计 of merged generated units matches sums computed
// independently, and each table's 合计 is the sum of its rows.
func TestSummarizeIndependent(t *testing.T) {
	dims := []string{"industry", "cooperation", "investorType", "signType", "location"}
	for seed := range uint64(10) {
		merged, err := merge.Forms(forms.SigningID, units(t, seed, 8, 20), merge.Options{Unit: "湘潭市"})
		if err != nil {
			t.Fatal(err)
		}
		want := compute(t, merged)
		s := merge.Summarize(merged)
		if len(s.Tables) != 7 {
			t.Fatalf("%d tables", len(s.Tables))
		}
		for k, dim := range dims {
			tab := s.Tables[k]
			seen := 0
			for _, r := range tab.Rows {
				key := r.Label
				if k < 4 { // a code row is labelled by its legend: "A类—工业制造业"
					key = strings.TrimSuffix(strings.SplitN(strings.SplitN(r.Label, "—", 2)[0], "类", 2)[0], "类")
				}
				w, ok := want.dims[dim][key]
				if !ok {
					if !r.Values[0].IsZero() {
						t.Errorf("seed %d %s: row %q counts %s, want none", seed, dim, r.Label, r.Values[0])
					}
					continue
				}
				seen++
				for i := range 4 {
					if got := r.Values[i].Rat(); got.Cmp(w[i]) != 0 {
						t.Errorf("seed %d %s %q column %d: %s, want %s", seed, dim, r.Label, i, r.Values[i], w[i].FloatString(4))
					}
				}
			}
			if seen != len(want.dims[dim]) {
				t.Errorf("seed %d %s: %d rows matched, want %d", seed, dim, seen, len(want.dims[dim]))
			}
			for i := range 4 {
				sum := new(big.Rat)
				for _, w := range want.dims[dim] {
					sum.Add(sum, w[i])
				}
				if tab.Total.Values[i].Rat().Cmp(sum) != 0 {
					t.Errorf("seed %d %s total %d: %s, want %s", seed, dim, i, tab.Total.Values[i], sum.FloatString(4))
				}
			}
		}
		for k, q := range []string{"fulfilled", "started", "producing", "firstTime"} {
			r := s.Tables[5].Rows[k]
			rate := new(big.Rat).SetFrac64(int64(want.yes[q])*100, int64(want.n))
			if r.Values[0].IntPart() != int64(want.yes[q]) || r.Values[2].IntPart() != int64(want.n) ||
				!r.Values[3].Equal(decimal.RequireFromString(rate.FloatString(2))) {
				t.Errorf("seed %d %s: %v, want %d of %d (%s%%)", seed, q, r.Values, want.yes[q], want.n, rate.FloatString(2))
			}
		}
		for _, r := range s.Tables[6].Rows {
			if r.Values[0].IntPart() != int64(want.lists[r.Label]) {
				t.Errorf("seed %d 500强 %s: %s investors, want %d", seed, r.Label, r.Values[0], want.lists[r.Label])
			}
		}
	}
}

// The same sums by Python's decimal module, over the merged form's JSON
// (where python3 is installed; CI has it).
func TestSummarizePython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	merged, err := merge.Forms(forms.SigningID, units(t, 99, 12, 20), merge.Options{Unit: "湘潭市"})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(merged)
	script := `
import json, sys
from decimal import Decimal
d = json.load(sys.stdin, parse_float=Decimal, parse_int=Decimal)
out = {}
for dim in ["industry", "cooperation", "investorType", "signType", "location"]:
    s = [Decimal(0)] * 4
    for inv in d["rows"]:
        for p in inv["projects"]:
            s = [s[0] + 1, s[1] + Decimal(p["totalInvestment"]), s[2] + Decimal(p["introducedFunds"]), s[3] + Decimal(p.get("fundsInPlace", 0))]
    out[dim] = [format(v.normalize(), "f") for v in s]
print(json.dumps(out))
`
	cmd := exec.Command(py, "-c", script)
	cmd.Stdin = bytes.NewReader(data)
	res, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var want map[string][]string
	if err := json.Unmarshal(res, &want); err != nil {
		t.Fatal(err)
	}
	s := merge.Summarize(merged)
	for k, dim := range []string{"industry", "cooperation", "investorType", "signType", "location"} {
		for i, v := range s.Tables[k].Total.Values {
			if v.String() != want[dim][i] {
				t.Errorf("%s total column %d: %s, Python says %s", dim, i, v, want[dim][i])
			}
		}
	}
}

// Free text naming no 500强 list ("无", "/") counts on no list; text naming
// an unlisted 500强 counts as 其他.
func TestSummarizeTop500Text(t *testing.T) {
	data, _ := examples.Input(string(forms.SigningID))
	f, err := forms.Parse(forms.SigningID, data)
	if err != nil {
		t.Fatal(err)
	}
	s := f.(*forms.Signing)
	for i := range s.Rows {
		s.Rows[i].Top500 = forms.Top500{Text: []string{"无", "/", "2025年湖南民营企业100强"}[i%3]}
	}
	s.Rows[0].Top500 = forms.Top500{Text: "2025年某行业500强第12位"}
	others := ""
	for _, tb := range merge.Summarize(s).Tables {
		if tb.Title != "按500强榜单" {
			continue
		}
		for _, r := range tb.Rows {
			if strings.Contains(r.Label, forms.Top500Other) {
				others = r.Values[0].String()
			}
		}
	}
	if others != "1" {
		t.Errorf("investors counted under 其他: %q, want 1", others)
	}
}
