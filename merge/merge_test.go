package merge_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/merge"
)

// units generates n units' 附件4s, dated in November 2026 in random order.
func units(t testing.TB, seed uint64, n, projects int) []merge.Input {
	r := rand.New(rand.NewPCG(seed, 11))
	var out []merge.Input
	for u := range n {
		date := forms.NewDate(2026, 11, 1+r.IntN(28))
		out = append(out, merge.Input{Name: fmt.Sprintf("单位%02d.xlsx", u),
			Form: genSigning(t, r, fmt.Sprintf("单位%02d", u), date, 1+r.IntN(projects), 30)})
	}
	return out
}

// Projects of one investor are grouped across units in input order, each
// project exactly once; 序号 are cleared; the date is the latest.
func TestFormsSigning(t *testing.T) {
	for seed := range uint64(20) {
		in := units(t, seed, 2+int(seed%7), 15)
		got, err := merge.Forms(forms.SigningID, in, merge.Options{Unit: "湘潭市商务局"})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		s := got.(*forms.Signing)
		// An independent grouping: the projects of each trimmed name, in order.
		var order []string
		want := map[string][]string{}
		latest := forms.Date("")
		for _, u := range in {
			f := u.Form.(*forms.Signing)
			if f.Date > latest {
				latest = f.Date
			}
			for _, inv := range f.Rows {
				name := strings.TrimSpace(inv.Investor)
				if _, ok := want[name]; !ok {
					order = append(order, name)
				}
				for _, p := range inv.Projects {
					want[name] = append(want[name], p.Name)
				}
			}
		}
		if s.Date != latest || s.Unit != "湘潭市商务局" {
			t.Errorf("seed %d: date %s unit %s, want %s", seed, s.Date, s.Unit, latest)
		}
		if len(s.Rows) != len(order) {
			t.Fatalf("seed %d: %d investors, want %d", seed, len(s.Rows), len(order))
		}
		for i, inv := range s.Rows {
			if strings.TrimSpace(inv.Investor) != order[i] || inv.No != 0 {
				t.Errorf("seed %d: investor %d is %q (no %d), want %q", seed, i, inv.Investor, inv.No, order[i])
			}
			var names []string
			for _, p := range inv.Projects {
				names = append(names, p.Name)
				if p.No != 0 {
					t.Errorf("seed %d: project numbered %d", seed, p.No)
				}
			}
			if strings.Join(names, ",") != strings.Join(want[order[i]], ",") {
				t.Errorf("seed %d: investor %q has %v, want %v", seed, order[i], names, want[order[i]])
			}
		}
		kept, err := merge.Forms(forms.SigningID, in, merge.Options{Unit: "湘潭市商务局", KeepUnits: true, Date: "2026年12月1日"})
		if err != nil {
			t.Fatalf("seed %d keep units: %v", seed, err)
		}
		n := 0
		for _, u := range in {
			n += len(u.Form.(*forms.Signing).Rows)
		}
		if k := kept.(*forms.Signing); len(k.Rows) != n || k.Date != "2026-12-01" {
			t.Errorf("seed %d keep units: %d investors dated %s, want %d", seed, len(k.Rows), k.Date, n)
		}
	}
}

// An investor whose 总部所在地 differs between units is a problem naming both.
func TestFormsConflict(t *testing.T) {
	data, _ := examples.Input(string(forms.SigningID))
	a, err := forms.Parse(forms.SigningID, data)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := forms.Parse(forms.SigningID, data)
	b.(*forms.Signing).Rows[0].HQ = "浙江省杭州市"
	_, err = merge.Forms(forms.SigningID, []merge.Input{{"a.json", a}, {"b.xlsx", b}}, merge.Options{Unit: "湘潭市"})
	var list forms.Errors
	if !errors.As(err, &list) || len(list) != 1 ||
		!strings.Contains(list[0].Message, "【总部所在地（国别/省市）】在a.json中为“江苏省常州市”，在b.xlsx中为“浙江省杭州市”") {
		t.Errorf("got %v", err)
	}
	if _, err := merge.Forms(forms.SigningID, []merge.Input{{"a.json", a}, {"b.xlsx", b}}, merge.Options{Unit: "湘潭市", KeepUnits: true}); err != nil {
		t.Errorf("keep units: %v", err)
	}
}

// Forms of another kind, and no unit, are refused.
func TestFormsRefused(t *testing.T) {
	data, _ := examples.Input(string(forms.LandingID))
	l, _ := forms.Parse(forms.LandingID, data)
	data, _ = examples.Input(string(forms.SigningID))
	s, _ := forms.Parse(forms.SigningID, data)
	_, err := merge.Forms(forms.LandingID, []merge.Input{{"a.json", l}, {"b.json", s}}, merge.Options{Unit: "湘潭市"})
	if err == nil || !strings.Contains(err.Error(), "b.json：是附件4，不是附件5") {
		t.Errorf("wrong form: %v", err)
	}
	_, err = merge.Forms(forms.LandingID, []merge.Input{{"a.json", l}}, merge.Options{})
	if err == nil || !strings.Contains(err.Error(), "单位（盖章）") {
		t.Errorf("no unit: %v", err)
	}
	if _, err := merge.Forms(forms.LandingID, nil, merge.Options{Unit: "x"}); !errors.Is(err, merge.ErrNoInput) {
		t.Errorf("no input: %v", err)
	}
}

// The one-level forms are the inputs' rows one after the other, renumbered.
func TestFormsTables(t *testing.T) {
	for _, id := range []forms.ID{forms.TaskListID, forms.FollowupID, forms.LandingID} {
		data, _ := examples.Input(string(id))
		var in []merge.Input
		rows := 0
		for u := range 3 {
			f, err := forms.Parse(id, data)
			if err != nil {
				t.Fatal(err)
			}
			in = append(in, merge.Input{Name: fmt.Sprint(u), Form: f})
			rows += len(rowNames(f))
		}
		got, err := merge.Forms(id, in, merge.Options{Unit: "湘潭市"})
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		names := rowNames(got)
		if len(names) != rows || names[len(names)-1] != rowNames(in[2].Form)[len(rowNames(in[2].Form))-1] {
			t.Errorf("%s: %d rows %v", id, len(names), names)
		}
		nums := got.(interface{ RowNumbers() []int }).RowNumbers()
		for i, n := range nums {
			if n != i+1 {
				t.Errorf("%s: row %d numbered %d", id, i, n)
			}
		}
	}
}

func rowNames(f forms.Form) []string {
	var out []string
	switch f := f.(type) {
	case *forms.TaskList:
		for _, r := range f.Rows {
			out = append(out, r.Name)
		}
	case *forms.Followup:
		for _, r := range f.Rows {
			out = append(out, r.Name)
		}
	case *forms.Landing:
		for _, r := range f.Rows {
			out = append(out, r.Name)
		}
	}
	return out
}
