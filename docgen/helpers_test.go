package docgen

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strings"
	"testing"
	"unicode"

	"github.com/zsdoc/zsdoc/docgen/pdf"
	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/forms"
)

// parseExample returns the parsed example input of a form.
func parseExample(t testing.TB, id forms.ID) forms.Form {
	t.Helper()
	data, err := examples.Input(string(id))
	if err != nil {
		t.Fatal(err)
	}
	f, err := forms.Parse(id, data)
	if err != nil {
		t.Fatalf("example %s: %v", id, err)
	}
	return f
}

// printed lists what a filled form must show, as the contract renders
// each field (dates in Chinese, amounts trimmed, codes as letters, 是/否).
func printed(f forms.Form) []string {
	var out []string
	add := func(s ...string) { out = append(out, s...) }
	header := func(h *forms.Header) { add(h.Unit, h.Date.Chinese()) }
	task := func(r *forms.TaskRow) {
		add(r.Name, r.Overview, r.Leader, r.Owner)
		add(r.Partners...)
		add(r.Tasks...)
	}
	switch f := f.(type) {
	case *forms.TaskList:
		header(&f.Header)
		for i := range f.Rows {
			task(&f.Rows[i])
		}
	case *forms.Followup:
		header(&f.Header)
		for i := range f.Rows {
			task(&f.Rows[i].TaskRow)
			add(f.Rows[i].Progress, f.Rows[i].Problems)
		}
	case *forms.Signing:
		header(&f.Header)
		for _, inv := range f.Rows {
			add(inv.Investor, inv.Top500.String(), inv.HQ)
			for _, p := range inv.Projects {
				add(p.Name, p.Undertaker, p.TotalInvestment.String(), p.IntroducedFunds.String(),
					string(p.SignType), string(p.Cooperation), string(p.Industry), string(p.InvestorType),
					p.Overview, p.Location, p.CityOrDefault(), string(p.FirstTime), p.FundsInPlace.String(),
					p.Progress, p.Company.Name, p.Company.CreditCode, string(p.Fulfilled), string(p.Started),
					string(p.Producing), p.Contact.Name, p.Contact.Phone)
			}
		}
	case *forms.Landing:
		header(&f.Header)
		for _, r := range f.Rows {
			add(r.Name, r.Undertaker, r.Investor, r.TotalInvestment.String()+"亿元", r.Overview, r.Progress, r.Remarks)
		}
	case *forms.Supervision:
		add(f.Number, f.Date.Chinese(), f.Target, f.Content, f.Requirements, f.Deadline(), f.Issuer,
			f.IssueDateOrDefault().Chinese())
	case *forms.SupervisionBatch:
		for i := range *f {
			out = append(out, printed(&(*f)[i])...)
		}
	}
	return out
}

// squash removes all white space, which line breaking may add or drop.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

// layoutPDF lays a form out with the default fonts.
func layoutPDF(t testing.TB, f forms.Form, opts ...Option) []*pdf.Page {
	t.Helper()
	doc, err := Compose(f, opts...)
	if err != nil {
		t.Fatal(err)
	}
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdf.Layout(context.Background(), doc, set)
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// textBySource joins the placed text of each field (span source), pages in order.
func textBySource(pages []*pdf.Page) map[string]string {
	out := map[string]string{}
	for _, pg := range pages {
		for _, tx := range pg.Texts {
			out[tx.Source.String()] += tx.Text
		}
	}
	return out
}

// checkAllPlaced fails unless every string the form must print is placed,
// whole, within one field's text.
func checkAllPlaced(t *testing.T, pages []*pdf.Page, want []string) {
	t.Helper()
	got := textBySource(pages)
	for _, w := range want {
		w = squash(w)
		if w == "" {
			continue
		}
		found := false
		for _, text := range got {
			if strings.Contains(squash(text), w) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("input text %q is not placed on any page", w)
		}
	}
}

const tol = 0.01 // points

func inside(in, out pdf.Rect) bool {
	return in.X >= out.X-tol && in.Y >= out.Y-tol && in.Right() <= out.Right()+tol && in.Bottom() <= out.Bottom()+tol
}

func overlap(a, b pdf.Rect) float64 {
	w := math.Min(a.Right(), b.Right()) - math.Max(a.X, b.X)
	h := math.Min(a.Bottom(), b.Bottom()) - math.Max(a.Y, b.Y)
	if w <= tol || h <= tol {
		return 0
	}
	return w * h
}

// checkGeometry fails when a glyph leaves its box or the page, a text box
// leaves its cell, cells overlap, or texts overlap.
func checkGeometry(t *testing.T, pages []*pdf.Page) {
	t.Helper()
	for pi, pg := range pages {
		pageBox := pdf.Rect{W: pg.Width, H: pg.Height}
		for _, tx := range pg.Texts {
			b := tx.Bounds()
			if !inside(b, tx.Box) {
				t.Errorf("page %d: %q at %+v lies outside its box %+v", pi+1, tx.Text, b, tx.Box)
			}
			if !inside(b, pageBox) {
				t.Errorf("page %d: %q lies outside the page", pi+1, tx.Text)
			}
		}
		for i, a := range pg.Cells {
			if !inside(a.Box, pageBox) {
				t.Errorf("page %d: cell %+v outside the page", pi+1, a.Box)
			}
			for _, b := range pg.Cells[i+1:] {
				if overlap(a.Box, b.Box) > 0 {
					t.Errorf("page %d: cells %+v and %+v overlap", pi+1, a.Box, b.Box)
				}
			}
		}
		for i := range pg.Texts {
			for j := i + 1; j < len(pg.Texts); j++ {
				a, b := pg.Texts[i].Bounds(), pg.Texts[j].Bounds()
				// Glyph boxes of neighbouring lines may touch; a real overlap
				// is more than a tenth of the smaller box.
				if o := overlap(a, b); o > 0.1*math.Min(a.W*a.H, b.W*b.H) {
					t.Errorf("page %d: %q and %q overlap", pi+1, pg.Texts[i].Text, pg.Texts[j].Text)
				}
			}
		}
	}
}

// checkHeaders fails unless every page with table cells starts them with
// the same number of header cells.
func checkHeaders(t *testing.T, pages []*pdf.Page) {
	t.Helper()
	want := -1
	for pi, pg := range pages {
		if len(pg.Cells) == 0 {
			continue
		}
		n := 0
		for _, c := range pg.Cells {
			if c.Header {
				n++
			}
		}
		if want < 0 {
			want = n
		}
		if n != want {
			t.Errorf("page %d has %d header cells, page 1 has %d", pi+1, n, want)
		}
	}
}

// requireTool skips the test when an external tool is missing, or fails it
// when ZSDOC_REQUIRE_TOOLS=1 (CI installs the tools and sets it).
func requireTool(t *testing.T, name, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("ZSDOC_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s (%s) is required but not installed", name, pkg)
		}
		t.Skipf("%s (%s) not installed", name, pkg)
	}
}

func describe(id forms.ID, blank bool) string {
	if blank {
		return fmt.Sprintf("%s-blank", id)
	}
	return string(id)
}
