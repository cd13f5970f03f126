package docgen

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/docgen/pdf"
	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/forms"
)

// Every example, filled and blank, on every paper it can take: all input
// placed inside its cell, nothing overlapping, headers on every page.
func TestPDFLayoutExamples(t *testing.T) {
	for _, in := range forms.All() {
		f := parseExample(t, in.ID)
		for _, paper := range []Paper{A4, A3} {
			if in.ID == forms.SupervisionID && paper == A3 {
				continue
			}
			t.Run(fmt.Sprintf("%s/%s", in.ID, paper), func(t *testing.T) {
				pages := layoutPDF(t, f, WithPaper(paper), WithSeal(examples.SpecimenSeal()))
				checkAllPlaced(t, pages, printed(f))
				checkGeometry(t, pages)
				checkHeaders(t, pages)
				if len(pages[0].Images) != 1 {
					t.Errorf("want the seal on page 1, got %d images", len(pages[0].Images))
				}
			})
		}
		t.Run(string(in.ID)+"/blank", func(t *testing.T) {
			doc, err := composeBlank(in.ID, &config{})
			if err != nil {
				t.Fatal(err)
			}
			set, _ := fonts.Default()
			pages, err := pdf.Layout(context.Background(), doc, set)
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != 1 {
				t.Errorf("a blank form is one page, got %d", len(pages))
			}
			checkGeometry(t, pages)
			checkAllPlaced(t, pages, []string{in.Attachment, in.Title})
		})
	}
}

// The seal sits over the unit name (附件2–5) or the issuer and date (附件6):
// its centre above their middle, and within its diameter of them.
func TestPDFSealPosition(t *testing.T) {
	for _, in := range forms.All() {
		f := parseExample(t, in.ID)
		pages := layoutPDF(t, f, WithSeal(examples.SpecimenSeal()))
		img := pages[0].Images[0]
		var anchor string
		switch f := f.(type) {
		case *forms.Supervision:
			anchor = f.Issuer
		default:
			anchor = unitOf(f)
		}
		var box pdf.Rect
		for _, tx := range pages[0].Texts {
			if strings.Contains(anchor, tx.Text) && tx.Text != "" {
				box = tx.Bounds()
				break
			}
		}
		if box.W == 0 {
			t.Fatalf("%s: anchor text %q not found", in.ID, anchor)
		}
		if overlap(img.Box, box) == 0 {
			t.Errorf("%s: seal %+v does not cover %q at %+v", in.ID, img.Box, anchor, box)
		}
		if d := layout.Length(img.Box.W).MMs(); d < 41.9 || d > 42.1 {
			t.Errorf("%s: seal is %.1f mm wide, want 42", in.ID, d)
		}
	}
}

// The seal never touches the title or the 附件N line (上不压正文): every
// form, filled and blank, A4 and A3, with short and long unit names.
func TestPDFSealBelowTitle(t *testing.T) {
	seal := WithSeal(examples.SpecimenSeal())
	for _, in := range forms.All() {
		for _, paper := range []Paper{A4, A3} {
			if in.ID == forms.SupervisionID && paper == A3 {
				continue
			}
			for _, unit := range []string{"", "岳塘区", "湘潭市重点招商项目落地工作领导小组办公室"} {
				var pages []*pdf.Page
				if unit == "" { // the blank form
					c, err := newConfig([]Option{seal, WithPaper(paper)})
					if err != nil {
						t.Fatal(err)
					}
					doc, err := composeBlank(in.ID, c)
					if err != nil {
						t.Fatal(err)
					}
					set, _ := c.fontSet()
					if pages, err = pdf.Layout(t.Context(), doc, set); err != nil {
						t.Fatal(err)
					}
				} else {
					f := parseExample(t, in.ID)
					if h, ok := f.(interface{ FormHeader() *forms.Header }); ok {
						h.FormHeader().Unit = unit
					} else {
						f.(*forms.Supervision).Issuer = unit
					}
					pages = layoutPDF(t, f, seal, WithPaper(paper))
				}
				var img *pdf.Image
				for i := range pages {
					if len(pages[i].Images) > 0 {
						img = &pages[i].Images[0]
					}
				}
				if img == nil {
					t.Fatalf("%s %s %q: no seal", in.ID, paper, unit)
				}
				for _, tx := range pages[0].Texts {
					title := tx.Size == float64(sizeEr) && strings.Contains(in.Title, tx.Text)
					if tx.Text == "" || !title && tx.Text != in.Attachment {
						continue
					}
					glyphs := pdf.Rect{X: tx.X, Y: tx.Baseline - tx.Size, W: tx.Width, H: tx.Size * 1.25}
					if overlap(img.Box, glyphs) > 0 {
						t.Errorf("%s %s %q: seal %+v touches %q at %+v", in.ID, paper, unit, img.Box, tx.Text, glyphs)
					}
				}
			}
		}
	}
}

func unitOf(f forms.Form) string {
	if h, ok := f.(interface{ FormHeader() *forms.Header }); ok {
		return h.FormHeader().Unit
	}
	return ""
}

// A 2,000-character 项目基本情况 runs over pages; nothing is lost or clipped.
func TestPDFLongOverview(t *testing.T) {
	f := parseExample(t, forms.TaskListID).(*forms.TaskList)
	var b strings.Builder
	for b.Len() == 0 || len([]rune(b.String())) < 1990 {
		b.WriteString("项目总投资28.5亿元，建设Motor Control Unit生产线（一期），“十四五”期间达产；")
	}
	f.Rows[0].Overview = string([]rune(b.String())[:2000])
	pages := layoutPDF(t, f)
	if len(pages) < 2 {
		t.Fatalf("a 2,000-character cell should run over pages, got %d page", len(pages))
	}
	checkAllPlaced(t, pages, printed(f))
	checkGeometry(t, pages)
	checkHeaders(t, pages)
}

// investorPages returns the pages (from 1) that print rows of investor
// row (e.g. "第4行").
func investorPages(pages []*pdf.Page, row string) map[int]bool {
	on := map[int]bool{}
	for i, pg := range pages {
		for _, tx := range pg.Texts {
			if tx.Source.Row == row || strings.HasPrefix(tx.Source.Row, row+"第") {
				on[i+1] = true
			}
		}
	}
	return on
}

// An investor whose projects fit on a page but not under the rows before
// them moves to the next page whole, instead of splitting its group: on
// generated 附件4s (random numbers of investors and projects, random text
// lengths, so groups fall at every position on the page), no group that
// fits on a page is split.
func TestPDFInvestorKeptTogether(t *testing.T) {
	base := parseExample(t, forms.SigningID).(*forms.Signing)
	rng := rand.New(rand.NewPCG(11, 13))
	split := 0
	for round := range 12 {
		f := *base
		f.Rows = nil
		for i := range 4 + rng.IntN(14) {
			inv := base.Rows[rng.IntN(len(base.Rows))]
			inv.Projects = nil
			for range 1 + rng.IntN(5) { // at most 5 short projects: a group fits on a page
				p := base.Rows[0].Projects[rng.IntN(len(base.Rows[0].Projects))]
				p.Overview = strings.Repeat("建设", 1+rng.IntN(30))
				inv.Projects = append(inv.Projects, p)
			}
			inv.Investor = fmt.Sprintf("第%d投资方集团有限公司", i+1)
			f.Rows = append(f.Rows, inv)
		}
		pages := layoutPDF(t, &f)
		for i := range f.Rows {
			if on := investorPages(pages, fmt.Sprintf("第%d行", i+1)); len(on) != 1 {
				t.Errorf("round %d: investor %d of %d split over pages %v", round, i+1, len(f.Rows), on)
			}
		}
		if len(pages) > 1 {
			split++
		}
		checkAllPlaced(t, pages, printed(&f))
		checkGeometry(t, pages)
	}
	if split < 6 {
		t.Fatalf("only %d of 12 tables ran over a page: the test tests too little", split)
	}
}

// An investor whose projects are taller than a page splits across the
// page break: its merged cells show their text again on the new page.
func TestPDFInvestorAcrossPages(t *testing.T) {
	f := parseExample(t, forms.SigningID).(*forms.Signing)
	inv := f.Rows[0]
	for len(inv.Projects) < 30 {
		inv.Projects = append(inv.Projects, inv.Projects[len(inv.Projects)%3])
	}
	inv.Investor = "跨页投资方测试集团有限公司"
	f.Rows = append(f.Rows[1:4], inv) // the 5-project investor last, near the foot of page 1
	pages := layoutPDF(t, f)
	if on := investorPages(pages, "第4行"); len(on) < 2 {
		t.Fatalf("investor should be printed on two pages, is on %v (of %d)", on, len(pages))
	}
	got := textBySource(pages)["第4行【项目投资方】"]
	if strings.Count(squash(got), squash(inv.Investor)) < 2 {
		t.Errorf("investor name should repeat on the new page, got %q", got)
	}
	checkAllPlaced(t, pages, printed(f))
	checkGeometry(t, pages)
	checkHeaders(t, pages)
}

// A character outside the default subsets comes from the full fallback font;
// one no font has is an error naming it, its code point and the field.
func TestPDFRareCharacters(t *testing.T) {
	f := parseExample(t, forms.LandingID).(*forms.Landing)
	f.Rows[0].Investor = "㐀㐁测试有限公司"
	pages := layoutPDF(t, f)
	set, _ := fonts.Default()
	fallback := false
	for _, tx := range pages[0].Texts {
		if strings.Contains(tx.Text, "㐀") {
			if tx.Face == set.Face(fonts.Body) {
				t.Error("㐀 drawn with the subset font, which lacks it")
			}
			fallback = true
		}
	}
	if !fallback {
		t.Fatal("㐀 was not placed")
	}
	checkAllPlaced(t, pages, printed(f))

	f.Rows[1].Overview = "含有罕见字𠀀的说明"
	err := Render(context.Background(), discard{}, f, PDF)
	var list forms.Errors
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("want one forms error, got %v", err)
	}
	e := list[0]
	for _, want := range []string{"第2行", "【项目基本情况】", "“𠀀”", "U+20000"} {
		if !strings.Contains(e.Message, want) {
			t.Errorf("message %q lacks %q", e.Message, want)
		}
	}
	if e.Rule != "glyph" || e.Row != "第2行" || e.Label != "项目基本情况" {
		t.Errorf("error fields: %+v", e)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// pdftotext gives back every input string of every example.
func TestPDFTextExtractable(t *testing.T) {
	requireTool(t, "pdftotext", "poppler-utils")
	for _, in := range forms.All() {
		t.Run(string(in.ID), func(t *testing.T) {
			f := parseExample(t, in.ID)
			var buf strings.Builder
			if err := Render(context.Background(), &buf, f, PDF); err != nil {
				t.Fatal(err)
			}
			text := pdfToText(t, []byte(buf.String()))
			for _, w := range append(printed(f), in.Title) {
				if w = squash(w); w != "" && !strings.Contains(text, w) {
					t.Errorf("pdftotext output lacks %q", w)
				}
			}
		})
	}
}

// pdfToText returns pdftotext's text in content-stream order, white space removed.
func pdfToText(t *testing.T, pdfData []byte) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = strings.NewReader(string(pdfData))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return squash(string(out))
}

// Header cells break their lines exactly where the seed does ("|" in the
// label tags): the columns are wide enough for every header line, except
// the long 附件4 headers the seed itself leaves to the cell to wrap.
func TestPDFHeaderBreaks(t *testing.T) {
	mayWrap := map[string]bool{"所属500强名称及排名": true, "是否首次来潭投资": true,
		"项目进展情况（工商注册名称及代码必填）": true, "项目联系人及电话": true}
	for _, in := range forms.All() {
		if in.ID == forms.SupervisionID {
			continue
		}
		doc, err := composeBlank(in.ID, &config{})
		if err != nil {
			t.Fatal(err)
		}
		var labels []string
		for _, b := range doc.Sections[0].Blocks {
			if tb, ok := b.(*layout.Table); ok {
				for _, c := range tb.Rows[0].Cells {
					var segs []string
					for _, p := range c.Paragraphs {
						segs = append(segs, p.Text())
					}
					labels = append(labels, strings.Join(segs, "|"))
				}
			}
		}
		set, _ := fonts.Default()
		pages, err := pdf.Layout(context.Background(), doc, set)
		if err != nil {
			t.Fatal(err)
		}
		// Lines of each header cell, in drawing order.
		var cells [][]string
		for _, c := range pages[0].Cells {
			if !c.Header {
				continue
			}
			var lines []string
			for _, tx := range pages[0].Texts {
				if inside(tx.Bounds(), c.Box) {
					lines = append(lines, tx.Text)
				}
			}
			cells = append(cells, lines)
		}
		if len(cells) != len(labels) {
			t.Fatalf("%s: %d header cells, %d labels", in.ID, len(cells), len(labels))
		}
		for i, label := range labels {
			got := strings.Join(cells[i], "|")
			if got != label && !mayWrap[strings.ReplaceAll(label, "|", "")] {
				t.Errorf("%s: header %q is printed as %q", in.ID, label, got)
			}
		}
	}
}

// Page numbers "— N —": odd pages at the right, even at the left, one
// character in from the type area's edge, the baseline Distance below it.
func TestPDFPageNumbers(t *testing.T) {
	f := parseExample(t, forms.SigningID)
	doc, err := Compose(f)
	if err != nil {
		t.Fatal(err)
	}
	sec := doc.Sections[0]
	pages := layoutPDF(t, f)
	if len(pages) < 2 {
		t.Fatalf("want 2 pages, got %d", len(pages))
	}
	pn := sec.PageNumbers
	left := float64(sec.Page.Margins.Left)
	right := float64(sec.Page.Width() - sec.Page.Margins.Right)
	baseline := float64(sec.Page.Height()-sec.Page.Margins.Bottom) + float64(pn.Distance)
	for i, pg := range pages {
		want := fmt.Sprintf("— %d —", i+1)
		var num *pdf.Text
		for j := range pg.Texts {
			if pg.Texts[j].Text == want {
				num = &pg.Texts[j]
			}
		}
		if num == nil {
			t.Fatalf("page %d: no %q", i+1, want)
		}
		if d := num.Baseline - baseline; d > 0.01 || d < -0.01 {
			t.Errorf("page %d: baseline %.2f, want %.2f", i+1, num.Baseline, baseline)
		}
		edge, wantEdge := num.X+num.Width, right-float64(pn.Indent)
		if i%2 == 1 {
			edge, wantEdge = num.X, left+float64(pn.Indent)
		}
		if d := edge - wantEdge; d > 0.01 || d < -0.01 {
			t.Errorf("page %d: number edge at %.2f, want %.2f", i+1, edge, wantEdge)
		}
	}
}

// A batch of 督办单 is one PDF: each order on its own page(s), numbered
// from 1, each stamped; WithSealSize sets the seal's diameter.
func TestPDFSupervisionBatch(t *testing.T) {
	one := *parseExample(t, forms.SupervisionID).(*forms.Supervision)
	second := one
	second.Target, second.Number = "岳塘区人民政府", "督办〔2026〕13号"
	second.Content = strings.Repeat("督办内容较长，需要第二页继续显示。", 40)
	batch := forms.SupervisionBatch{one, second, one}
	pages := layoutPDF(t, &batch, WithSeal(examples.SpecimenSeal()), WithSealSize(38))
	if len(pages) < 4 {
		t.Fatalf("three orders, the second longer than a page: want ≥ 4 pages, got %d", len(pages))
	}
	checkAllPlaced(t, pages, printed(&batch))
	checkGeometry(t, pages)
	var numbers []int
	seals := 0
	for _, pg := range pages {
		numbers = append(numbers, pg.Number)
		for _, img := range pg.Images {
			seals++
			if d := layout.Length(img.Box.W).MMs(); d < 37.9 || d > 38.1 {
				t.Errorf("seal %.1f mm wide, want 38", d)
			}
		}
	}
	if numbers[0] != 1 || numbers[len(numbers)-1] != 1 || numbers[1] != 1 {
		t.Errorf("page numbers %v: each order should start at 1", numbers)
	}
	if seals != 3 {
		t.Errorf("%d seals for 3 orders", seals)
	}
	for _, mm := range []float64{5, 90} {
		if _, err := Compose(&batch, WithSealSize(mm)); err == nil {
			t.Errorf("seal size %v mm accepted", mm)
		}
	}
}
