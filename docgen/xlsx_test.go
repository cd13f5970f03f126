package docgen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/workflow"
)

// sheetText returns every cell's text of a workbook's sheets, as shown
// (number formats applied), and the workbook.
func openXLSX(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func sheetText(t *testing.T, f *excelize.File, sheet string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		for _, c := range r {
			b.WriteString(c)
			b.WriteString("\t")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Every example exports to one sheet per form (per order in a batch) named
// by its 附件, holding every input text as printed, amounts as numbers, the
// header rows as print titles, the form's paper and orientation, fit to one
// page wide and page numbers in the footer; the same input gives the same bytes.
func TestXLSXExamples(t *testing.T) {
	ctx := context.Background()
	for _, in := range forms.All() {
		t.Run(string(in.ID), func(t *testing.T) {
			f := parseExample(t, in.ID)
			var buf, again bytes.Buffer
			if err := Render(ctx, &buf, f, XLSX, WithSeal(examples.SpecimenSeal())); err != nil {
				t.Fatal(err)
			}
			if err := Render(ctx, &again, f, XLSX, WithSeal(examples.SpecimenSeal())); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Error("the same input gave different bytes")
			}
			x := openXLSX(t, buf.Bytes())
			sheets := x.GetSheetList()
			if len(sheets) != 1 || sheets[0] != in.Attachment {
				t.Errorf("sheets %q, want [%s]", sheets, in.Attachment)
			}
			sheet := sheets[0]
			text := sheetText(t, x, sheet)
			for _, s := range printed(f) {
				if !strings.Contains(text, s) {
					t.Errorf("%q is not in the sheet", s)
				}
			}
			if !strings.Contains(text, in.Title) {
				t.Errorf("the title %q is not in the sheet", in.Title)
			}
			checkPrintSetup(t, x, sheet, in.ID)
			pics, err := x.GetPictureCells(sheet)
			if err != nil || len(pics) != 1 {
				t.Errorf("pictures at %v (%v), want the seal", pics, err)
			}
		})
	}
}

// checkPrintSetup checks the paper, orientation, fit to width, print titles
// and footer of a form's sheet.
func checkPrintSetup(t *testing.T, x *excelize.File, sheet string, id forms.ID) {
	t.Helper()
	pl, err := x.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	wantSize, wantOrient := 9, "landscape"
	switch id {
	case forms.SigningID:
		wantSize = 8
	case forms.SupervisionID:
		wantOrient = "portrait"
	}
	if pl.Size == nil || *pl.Size != wantSize || pl.Orientation == nil || *pl.Orientation != wantOrient {
		t.Errorf("paper %v %v, want %d %s", deref(pl.Size), deref(pl.Orientation), wantSize, wantOrient)
	}
	if pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
		t.Errorf("fit to %v wide × %v tall, want 1 × 0", deref(pl.FitToWidth), deref(pl.FitToHeight))
	}
	props, err := x.GetSheetProps(sheet)
	if err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("fitToPage not set (%v)", err)
	}
	hf, err := x.GetHeaderFooter(sheet)
	if err != nil || !strings.Contains(hf.OddFooter, "— &P —") || !strings.Contains(hf.EvenFooter, "— &P —") {
		t.Errorf("footer %+v (%v), want page numbers — N —", hf, err)
	}
	names := x.GetDefinedName()
	found := false
	for _, n := range names {
		if n.Name == "_xlnm.Print_Titles" && n.Scope == sheet {
			found = true
		}
	}
	if id != forms.SupervisionID && !found {
		t.Errorf("no print titles in %v", names)
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// 附件4's amounts are number cells, its investor cells are merged over
// their projects, and 序号 are numbers.
func TestXLSXSigningCells(t *testing.T) {
	f := parseExample(t, forms.SigningID).(*forms.Signing)
	var buf bytes.Buffer
	if err := Render(context.Background(), &buf, f, XLSX); err != nil {
		t.Fatal(err)
	}
	x := openXLSX(t, buf.Bytes())
	sheet := x.GetSheetList()[0]
	merges, err := x.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	mergedOver := map[string]int{} // top-left → rows
	for _, m := range merges {
		_, r0, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
		_, r1, _ := excelize.CellNameToCoordinates(m.GetEndAxis())
		mergedOver[m.GetStartAxis()] = r1 - r0 + 1
	}
	rows, _ := x.GetRows(sheet)
	// Find the first data row: the row whose column B is the first investor.
	first := -1
	for i, r := range rows {
		if len(r) > 1 && r[1] == f.Rows[0].Investor {
			first = i + 1
			break
		}
	}
	if first < 0 {
		t.Fatal("the first investor is not in column B")
	}
	row := first
	for i, inv := range f.Rows {
		for col := 1; col <= 4; col++ {
			ref, _ := excelize.CoordinatesToCellName(col, row)
			if n := len(inv.Projects); n > 1 && mergedOver[ref] != n {
				t.Errorf("investor %d: %s merged over %d rows, want %d", i+1, ref, mergedOver[ref], n)
			}
		}
		for j, p := range inv.Projects {
			for col, want := range map[int]string{8: p.TotalInvestment.String(), 9: p.IntroducedFunds.String(), 5: fmt.Sprint(j + 1)} {
				ref, _ := excelize.CoordinatesToCellName(col, row+j)
				typ, _ := x.GetCellType(sheet, ref)
				raw, _ := x.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
				if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber || raw != want {
					t.Errorf("%s: %v %q, want the number %s", ref, typ, raw, want)
				}
			}
		}
		row += len(inv.Projects)
	}
}

// A text that looks like a formula stays text: never a formula, never
// evaluated.
func TestXLSXFormulaLookingText(t *testing.T) {
	f := parseExample(t, forms.LandingID).(*forms.Landing)
	texts := []string{"=SUM(A1:A9)", "+86 731 1234", "-1+2", "@cmd", "=HYPERLINK(\"http://x\",\"y\")"}
	for i, s := range texts { // each text in a field of its own
		r := &f.Rows[(i/3)%len(f.Rows)]
		*[]*string{&r.Name, &r.Remarks, &r.Progress}[i%3] = s
	}
	var buf bytes.Buffer
	if err := Render(context.Background(), &buf, f, XLSX); err != nil {
		t.Fatal(err)
	}
	x := openXLSX(t, buf.Bytes())
	sheet := x.GetSheetList()[0]
	rows, _ := x.GetRows(sheet)
	seen := map[string]bool{}
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if formula, _ := x.GetCellFormula(sheet, ref); formula != "" {
				t.Errorf("%s holds the formula %q", ref, formula)
			}
			for _, s := range texts {
				if v == s {
					seen[s] = true
					if typ, _ := x.GetCellType(sheet, ref); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
						t.Errorf("%s: %q is of type %v, want text", ref, v, typ)
					}
				}
			}
		}
	}
	for _, s := range texts {
		if !seen[s] {
			t.Errorf("%q is not a cell's text", s)
		}
	}
}

// A batch of 督办单 is one sheet per order.
func TestXLSXBatch(t *testing.T) {
	one := parseExample(t, forms.SupervisionID).(*forms.Supervision)
	batch := forms.SupervisionBatch{*one, *one, *one}
	batch[1].Target, batch[2].Target = "第二个单位", "第三个单位"
	var buf bytes.Buffer
	if err := Render(context.Background(), &buf, &batch, XLSX); err != nil {
		t.Fatal(err)
	}
	x := openXLSX(t, buf.Bytes())
	sheets := x.GetSheetList()
	if len(sheets) != 3 {
		t.Fatalf("sheets %q, want 3", sheets)
	}
	for i, s := range sheets {
		if !strings.Contains(sheetText(t, x, s), batch[i].Target) {
			t.Errorf("sheet %s lacks order %d's target", s, i+1)
		}
	}
}

// 附件4, 11 projects (target ≤ 10 ms per workbook).
func BenchmarkXLSXSigning11(b *testing.B) { benchRender(b, shortSigning(b), XLSX, 0) }

// 附件6, one order.
func BenchmarkXLSXSupervision(b *testing.B) {
	benchRender(b, parseExample(b, forms.SupervisionID), XLSX, 0)
}

// 附件1 is a drawing: asking for it as a workbook is the caller's mistake,
// refused with a message, never a file without it.
func TestXLSXRefusesTheDiagram(t *testing.T) {
	var buf bytes.Buffer
	err := RenderBlank(context.Background(), &buf, workflow.ID, XLSX)
	var oe *OptionError
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), "pdf 或 docx") || buf.Len() != 0 {
		t.Errorf("got %v and %d bytes, want an OptionError and nothing written", err, buf.Len())
	}
}
