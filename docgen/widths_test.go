package docgen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/forms"
)

// tableOf returns the table of a table form's first section.
func tableOf(t testing.TB, doc *layout.Document) *layout.Table {
	t.Helper()
	for _, b := range doc.Sections[0].Blocks {
		if tb, ok := b.(*layout.Table); ok {
			return tb
		}
	}
	t.Fatal("no table")
	return nil
}

// composeTable composes f (nil: the blank form id) and returns its table.
func composeTable(t testing.TB, id forms.ID, f forms.Form, opts ...Option) *layout.Table {
	t.Helper()
	c, err := newConfig(opts)
	if err != nil {
		t.Fatal(err)
	}
	var doc *layout.Document
	if f == nil {
		doc, err = composeBlank(id, c)
	} else {
		doc, err = compose(f, c)
	}
	if err != nil {
		t.Fatal(err)
	}
	return tableOf(t, doc)
}

// longInput parses a long-text input of testdata/long.
func longInput(t testing.TB, name string) (forms.ID, forms.Form) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "long", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	id := forms.ID(strings.SplitN(name, "-", 2)[0])
	f, err := forms.Parse(id, data)
	if err != nil {
		t.Fatal(err)
	}
	return id, f
}

// measurer returns a Measurer of the default fonts.
func measurer(t testing.TB) *layout.Measurer {
	t.Helper()
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return layout.NewMeasurer(set)
}

// heights returns the header's and body groups' heights of a table.
func heights(t testing.TB, m *layout.Measurer, tb *layout.Table) (float64, []float64) {
	t.Helper()
	h, g, err := m.TableHeights(tb)
	if err != nil {
		t.Fatal(err)
	}
	return h, g
}

func total(h float64, groups []float64) float64 {
	for _, g := range groups {
		h += g
	}
	return h
}

func maxOf(xs []float64) float64 {
	m := 0.0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

func mms(cols []layout.Length) string {
	var b strings.Builder
	for i, c := range cols {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%.1f", c.MMs())
	}
	return b.String()
}

// TestWidthsReport prints, for the examples and the long-text inputs, the
// template and automatic widths and the table heights with each
// (ZSDOC_WIDTHS_REPORT=1; the figures of issue 13's note).
func TestWidthsReport(t *testing.T) {
	if os.Getenv("ZSDOC_WIDTHS_REPORT") == "" {
		t.Skip("set ZSDOC_WIDTHS_REPORT=1 to print the report")
	}
	m := measurer(t)
	type input struct {
		name string
		id   forms.ID
		f    forms.Form
	}
	var ins []input
	for _, id := range []forms.ID{forms.TaskListID, forms.FollowupID, forms.SigningID, forms.LandingID} {
		ins = append(ins, input{"example " + string(id), id, parseExample(t, id)}, input{"blank " + string(id), id, nil})
	}
	for _, n := range []string{"tasklist-800", "followup-300", "followup-800", "followup-2000", "landing-800", "signing-11"} {
		id, f := longInput(t, n)
		ins = append(ins, input{n, id, f})
	}
	for _, in := range ins {
		papers := []Paper{A4}
		if in.id == forms.SigningID {
			papers = []Paper{A3, A4}
		}
		for _, p := range papers {
			fixed := composeTable(t, in.id, in.f, WithPaper(p), WithFixedWidths())
			auto := composeTable(t, in.id, in.f, WithPaper(p))
			fh, fg := heights(t, m, fixed)
			ah, ag := heights(t, m, auto)
			t.Logf("%s %s:\n  fixed mm: %s\n  auto  mm: %s\n  table %.0f → %.0f pt (%.0f%%), tallest row %.0f → %.0f pt (%.0f%%), header %.0f → %.0f",
				in.name, p, mms(fixed.Columns), mms(auto.Columns), total(fh, fg), total(ah, ag),
				100*(total(ah, ag)/total(fh, fg)-1), maxOf(fg), maxOf(ag), 100*(maxOf(ag)/max(maxOf(fg), 1)-1), fh, ah)
			var dev []string
			for j := range fixed.Columns {
				dev = append(dev, fmt.Sprintf("%+.0f%%", 100*(float64(auto.Columns[j]/fixed.Columns[j])-1)))
			}
			t.Logf("  width change per column: %s", strings.Join(dev, " "))
		}
	}
}

// shortened returns the example of id with every text cut to n characters
// (mobile numbers for telephones): a form whose cells are all short.
func shortened(t *testing.T, id forms.ID, n int) forms.Form {
	f := parseExample(t, id)
	cut := func(s *string) {
		if r := []rune(*s); len(r) > n {
			*s = string(r[:n])
		}
	}
	task := func(r *forms.TaskRow) {
		for _, s := range []*string{&r.Name, &r.Overview, &r.Leader, &r.Owner} {
			cut(s)
		}
		for k := range r.Partners {
			cut(&r.Partners[k])
		}
		for k := range r.Tasks {
			cut(&r.Tasks[k])
		}
	}
	switch f := f.(type) {
	case *forms.TaskList:
		for i := range f.Rows {
			task(&f.Rows[i])
		}
	case *forms.Followup:
		for i := range f.Rows {
			task(&f.Rows[i].TaskRow)
			cut(&f.Rows[i].Progress)
			cut(&f.Rows[i].Problems)
		}
	case *forms.Landing:
		for i := range f.Rows {
			r := &f.Rows[i]
			for _, s := range []*string{&r.Name, &r.Undertaker, &r.Investor, &r.Overview, &r.Progress, &r.Remarks} {
				cut(s)
			}
		}
	case *forms.Signing:
		for i := range f.Rows {
			for j := range f.Rows[i].Projects {
				p := &f.Rows[i].Projects[j]
				cut(&p.Overview)
				cut(&p.Progress)
				p.Contact.Phone = "13807320001"
			}
		}
	}
	return f
}

// A form whose cells are all short keeps every column within ±10% of the
// template's width. (附件4 is left out: its 项目进展情况 cell holds three
// paragraphs, the credit code line among them, and is the tallest of every
// row even for short texts, so widening it shortens every row.)
func TestAutoWidthsShortTextKeepsTemplate(t *testing.T) {
	for _, id := range []forms.ID{forms.TaskListID, forms.FollowupID, forms.LandingID} {
		f := shortened(t, id, 8)
		fixed := composeTable(t, id, f, WithFixedWidths())
		auto := composeTable(t, id, f)
		for j := range fixed.Columns {
			if r := float64(auto.Columns[j] / fixed.Columns[j]); r < 0.9 || r > 1.1 {
				t.Errorf("%s column %d: %.1f mm, the template %.1f mm (%+.0f%%)", id, j+1,
					auto.Columns[j].MMs(), fixed.Columns[j].MMs(), 100*(r-1))
			}
		}
	}
}

// A long text's row is at least a third shorter than with the template's
// widths, and the whole table shorter.
func TestAutoWidthsLongTextRows(t *testing.T) {
	m := measurer(t)
	for _, name := range []string{"tasklist-800", "followup-300", "followup-800", "followup-2000", "landing-800", "signing-11"} {
		id, f := longInput(t, name)
		papers := []Paper{A4}
		if id == forms.SigningID {
			papers = []Paper{A3, A4}
		}
		for _, p := range papers {
			fh, fg := heights(t, m, composeTable(t, id, f, WithPaper(p), WithFixedWidths()))
			ah, ag := heights(t, m, composeTable(t, id, f, WithPaper(p)))
			if maxOf(ag) > float64(maxOf(fg)*2/3) {
				t.Errorf("%s on %s: the tallest row %.0f pt, with the template %.0f pt: not a third shorter", name, p, maxOf(ag), maxOf(fg))
			}
			if total(ah, ag) >= total(fh, fg) {
				t.Errorf("%s on %s: the table %.0f pt, with the template %.0f pt", name, p, total(ah, ag), total(fh, fg))
			}
		}
	}
}

// WithFixedWidths gives the template: the columns' weights scaled to the
// type area, as before issue 13.
func TestWithFixedWidths(t *testing.T) {
	got := composeTable(t, forms.TaskListID, parseExample(t, forms.TaskListID), WithFixedWidths()).Columns
	want := widths(weightsOf(taskColumns()), landscapeTable(layout.A4()).ContentWidth())
	if mms(got) != mms(want) {
		t.Errorf("fixed widths %s, want %s", mms(got), mms(want))
	}
}

// randomSigning returns a valid 附件4 with random texts: 1–11 projects,
// overviews and progress of 0–600 characters, Latin words, credit codes
// and telephone numbers of both kinds.
func randomSigning(t *testing.T, rng *rand.Rand) *forms.Signing {
	base := parseExample(t, forms.SigningID).(*forms.Signing)
	pool := []rune("湘潭经开区新能源汽车零部件智能制造基地项目一期厂房主体封顶设备招标完成，。、；（）")
	text := func(n int) string {
		r := make([]rune, n)
		for i := range r {
			r[i] = pool[rng.IntN(len(pool))]
		}
		if n > 20 && rng.IntN(3) == 0 {
			return string(r[:n/2]) + " Automation-Systems " + strconv.Itoa(rng.IntN(1e6)) + string(r[n/2:])
		}
		return string(r)
	}
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	uscc := func() string {
		b := []byte("91430300")
		for len(b) < 17 {
			b = append(b, chars[rng.IntN(len(chars))])
		}
		c, _ := forms.USCCCheckChar(string(b))
		return string(append(b, c))
	}
	f := &forms.Signing{Header: base.Header}
	n := 1 + rng.IntN(11)
	for n > 0 {
		inv := base.Rows[rng.IntN(len(base.Rows))]
		k := min(n, 1+rng.IntN(4))
		inv.Projects = nil
		for range k {
			p := base.Rows[0].Projects[rng.IntN(len(base.Rows[0].Projects))]
			p.Overview = text(rng.IntN(600))
			if p.Overview == "" {
				p.Overview = "无"
			}
			p.Progress = text(1 + rng.IntN(600))
			p.Company.CreditCode = uscc()
			p.Contact.Phone = []string{"13807320001", "0731-57619998", "0731-57619998-8012"}[rng.IntN(3)]
			inv.Projects = append(inv.Projects, p)
		}
		f.Rows = append(f.Rows, inv)
		n -= k
	}
	if err := forms.Validate(f); err != nil {
		t.Fatal(err)
	}
	return f
}

// On generated 附件4s, A3 and A4: the columns fill the type area; no
// column is narrower than a piece of its text that no line break may cut
// (a credit code, a telephone number, a Latin word) nor than 合同 (two
// characters) for a code; the same input gives the same widths; and the
// table is never taller than with the template widths by more than the
// minimums force.
func TestAutoWidthsGeneratedSigning(t *testing.T) {
	m := measurer(t)
	rng := rand.New(rand.NewPCG(13, 13))
	for i := range 40 {
		f := randomSigning(t, rng)
		for _, p := range []Paper{A3, A4} {
			tb := composeTable(t, forms.SigningID, f, WithPaper(p))
			again := composeTable(t, forms.SigningID, f, WithPaper(p))
			if mms(tb.Columns) != mms(again.Columns) {
				t.Fatalf("form %d on %s: widths differ between two runs", i, p)
			}
			var sum layout.Length
			for _, c := range tb.Columns {
				sum += c
			}
			if want := landscapeTable(p.size()).ContentWidth(); math.Abs(float64(sum-want)) > 1e-6 {
				t.Errorf("form %d on %s: the columns add up to %.3f pt, the type area is %.3f pt", i, p, sum, want)
			}
			pad := float64(tb.Padding.Left + tb.Padding.Right)
			grid, err := tb.Grid()
			if err != nil {
				t.Fatal(err)
			}
			// The pieces no break may cut, by column: all must fit when they
			// leave room for the headers (23 of them need about half of A4's
			// width, a third of A3's).
			mins := make([]float64, len(tb.Columns))
			for r := tb.HeaderRows(); r < len(tb.Rows); r++ {
				for c, slot := range grid[r] {
					cell := &tb.Rows[slot.Row].Cells[slot.Cell]
					if slot.Origin && cell.Cols() == 1 {
						for k := range cell.Paragraphs {
							mins[c] = max(mins[c], m.Shape(&cell.Paragraphs[k]).MinContent()+pad)
						}
					}
				}
			}
			roomy := layout.Sum(mins) <= float64(sum)*0.5
			for r := tb.HeaderRows(); roomy && r < len(tb.Rows); r++ {
				for c, slot := range grid[r] {
					cell := &tb.Rows[slot.Row].Cells[slot.Cell]
					if !slot.Origin || cell.Cols() != 1 {
						continue
					}
					for k := range cell.Paragraphs {
						s := m.Shape(&cell.Paragraphs[k])
						if need := s.MinContent() + pad; need > float64(tb.Columns[c])+1e-6 {
							t.Errorf("form %d on %s: column %d is %.1f pt, %q needs %.1f pt", i, p, c+1,
								float64(tb.Columns[c]), cell.Paragraphs[k].Text(), need)
						}
					}
				}
			}
			two := m.Shape(&layout.Paragraph{Spans: []layout.Span{{Text: "合同"}}, Font: tb.Rows[1].Cells[0].Paragraphs[0].Font})
			for _, c := range []int{9, 10, 11, 12} {
				if float64(tb.Columns[c]) < two.MaxContent()+pad-1e-6 {
					t.Errorf("form %d on %s: code column %d is %.1f pt, narrower than two characters", i, p, c+1, float64(tb.Columns[c]))
				}
			}
		}
	}
}
