package docgen_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"regexp"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/merge"
	"github.com/zsdoc/zsdoc/tabular"
)

// WithSummary adds the sheet 汇总统计 after the form's, each breakdown's
// values stored as numbers equal to the summary's, the 合计 rows included.
func TestWithSummaryXLSX(t *testing.T) {
	data, err := examples.Input(string(forms.SigningID))
	if err != nil {
		t.Fatal(err)
	}
	f, err := forms.Parse(forms.SigningID, data)
	if err != nil {
		t.Fatal(err)
	}
	s := merge.Summarize(f)
	var buf bytes.Buffer
	if err := docgen.Render(context.Background(), &buf, f, docgen.XLSX, docgen.WithSummary(s)); err != nil {
		t.Fatal(err)
	}
	rd, err := tabular.Open(bytes.NewReader(buf.Bytes()), tabular.Options{Sheet: docgen.SummarySheet})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	if sheets := rd.Sheets(); len(sheets) != 2 || sheets[1] != docgen.SummarySheet {
		t.Fatalf("sheets %q", sheets)
	}
	// The rows whose first cell is a row label, in order, with their numbers.
	var got [][]string
	for {
		row, err := rd.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		var vals []string
		for _, c := range row.Cells {
			if c.Kind == tabular.Number {
				vals = append(vals, c.Text)
			}
		}
		if len(vals) > 0 {
			got = append(got, append([]string{row.Cells[0].Text}, vals...))
		}
	}
	var want [][]string
	for _, tab := range s.Tables {
		rows := tab.Rows
		if tab.Total != nil {
			rows = append(rows, *tab.Total)
		}
		for _, r := range rows {
			line := []string{r.Label}
			for _, v := range r.Values {
				line = append(line, v.String())
			}
			want = append(want, line)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d number rows, want %d:\n%q", len(got), len(want), got)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Errorf("row %d: %q, want %q", i, got[i], want[i])
			continue
		}
		for k := range want[i] {
			if got[i][k] != want[i][k] {
				t.Errorf("row %d: %q, want %q", i, got[i], want[i])
				break
			}
		}
	}
	if err := docgen.Render(context.Background(), io.Discard, f, docgen.PDF, docgen.WithSummary(nil)); err == nil {
		t.Error("WithSummary(nil) accepted")
	}
}

// In a PDF the summary is pages after the form's.
func TestWithSummaryPDF(t *testing.T) {
	data, _ := examples.Input(string(forms.LandingID))
	f, err := forms.Parse(forms.LandingID, data)
	if err != nil {
		t.Fatal(err)
	}
	var plain, with bytes.Buffer
	if err := docgen.Render(context.Background(), &plain, f, docgen.PDF); err != nil {
		t.Fatal(err)
	}
	if err := docgen.Render(context.Background(), &with, f, docgen.PDF, docgen.WithSummary(merge.Summarize(f))); err != nil {
		t.Fatal(err)
	}
	page := regexp.MustCompile(`/Type\s*/Page\b[^s]`)
	if a, b := len(page.FindAll(plain.Bytes(), -1)), len(page.FindAll(with.Bytes(), -1)); b <= a || a == 0 {
		t.Errorf("%d pages with the summary, %d without", b, a)
	}
}

// A Summary built by hand with rows that do not fit its header is refused
// as an option, never a panic or a ragged table.
func TestWithSummaryRefusesBadShape(t *testing.T) {
	for _, s := range []*merge.Summary{
		{Form: forms.SigningID, Tables: []merge.Table{{Title: "按产业类别"}}},
		{Form: forms.SigningID, Tables: []merge.Table{{Title: "按产业类别", Columns: []string{"产业类别", "项目数"},
			Rows: []merge.Row{{Label: "A", Values: []decimal.Decimal{decimal.NewFromInt(1), decimal.NewFromInt(2)}}}}}},
	} {
		data, _ := examples.Input(string(forms.SigningID))
		f, err := forms.Parse(forms.SigningID, data)
		if err != nil {
			t.Fatal(err)
		}
		var oe *docgen.OptionError
		if err := docgen.Render(context.Background(), io.Discard, f, docgen.XLSX, docgen.WithSummary(s)); !errors.As(err, &oe) {
			t.Errorf("%+v: got %v, want an OptionError", s.Tables, err)
		}
	}
}
