package sheet_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/sheet"
)

// tableForms are the forms a sheet holds as a table.
var tableForms = []forms.ID{forms.TaskListID, forms.FollowupID, forms.SigningID, forms.LandingID}

// allForms are every form, 附件6 printed one order a sheet.
var allForms = append(tableForms, forms.SupervisionID)

// validInputs returns every example and every valid test input of the
// table forms, by name.
func validInputs(t *testing.T) map[string]forms.Form {
	t.Helper()
	out := map[string]forms.Form{}
	for _, id := range allForms {
		data, err := examples.Input(string(id))
		if err != nil {
			t.Fatal(err)
		}
		out["example-"+string(id)] = mustParse(t, id, data)
	}
	files, _ := filepath.Glob("../forms/testdata/valid/*.json")
	for _, name := range files {
		base := filepath.Base(name)
		id, _, _ := strings.Cut(base, "-")
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		out[base] = mustParse(t, forms.ID(id), data)
	}
	if len(out) < 10 {
		t.Fatalf("only %d inputs found", len(out))
	}
	return out
}

func mustParse(t testing.TB, id forms.ID, data []byte) forms.Form {
	t.Helper()
	f, err := forms.Parse(id, data)
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	return f
}

func render(t testing.TB, f forms.Form, format docgen.Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	// One seal image for every input: the test inputs name seals that
	// only their tests know.
	if err := docgen.Render(context.Background(), &buf, f, format, docgen.WithSeal(examples.SpecimenSeal())); err != nil {
		t.Fatalf("render %s: %v", format, err)
	}
	return buf.Bytes()
}

// sealOf is the seal id the form names (a sheet does not carry it): the
// first, for a batch of 督办单 (the round trip renders with one image).
func sealOf(f forms.Form) string {
	if ids := f.SealIDs(); len(ids) > 0 {
		return ids[0]
	}
	return ""
}

// Export → import → render gives the PDF of the input, and export →
// import → export the same workbook, for every valid input.
func TestRoundTrip(t *testing.T) {
	for name, f := range validInputs(t) {
		t.Run(name, func(t *testing.T) {
			book := render(t, f, docgen.XLSX)
			got, err := sheet.Read(bytes.NewReader(book), f.FormID(), sheet.Options{Seal: sealOf(f)})
			if err != nil {
				t.Fatalf("import of the export: %v", err)
			}
			if !bytes.Equal(render(t, got, docgen.PDF), render(t, f, docgen.PDF)) {
				t.Errorf("the PDF of the imported sheet differs from the input's")
			}
			sameWorkbook(t, render(t, got, docgen.XLSX), book, render(t, f, docgen.XLSX))

		})
	}
}

// sameWorkbook checks that got is the workbook want, byte for byte; want
// and again, two exports of one form, must be equal too (the export is
// deterministic).
func sameWorkbook(t *testing.T, got, want, again []byte) {
	t.Helper()
	if !bytes.Equal(want, again) {
		t.Errorf("two exports of one form differ")
	}
	if !bytes.Equal(got, want) {
		t.Errorf("exporting the imported sheet gives another workbook")
	}
}
