package merge_test

import (
	"context"
	"io"
	"testing"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/merge"
)

// bigUnits are 100 units of 20 projects each, their investors drawn from
// 1,000 (so that some are shared between units).
func bigUnits(b *testing.B) []merge.Input {
	in := units(b, 1, 100, 1)
	for i := range in {
		in[i].Form = genSigning(b, randFor(uint64(i)), in[i].Name, in[i].Form.FormDate(), 20, 1000)
	}
	return in
}

// benchMerge merges bigUnits and renders the result with write, if any.
func benchMerge(b *testing.B, write func(forms.Form) error) {
	in := bigUnits(b)
	b.ReportAllocs()
	for b.Loop() {
		merged, err := merge.Forms(forms.SigningID, in, merge.Options{Unit: "湘潭市商务局"})
		if err != nil {
			b.Fatal(err)
		}
		if write == nil {
			merge.Summarize(merged)
			continue
		}
		if err := write(merged); err != nil {
			b.Fatal(err)
		}
	}
}

func render(format docgen.Format, opts ...docgen.Option) func(forms.Form) error {
	return func(f forms.Form) error {
		return docgen.Render(context.Background(), io.Discard, f, format, append(opts, docgen.WithSummary(merge.Summarize(f)))...)
	}
}

// Merging and counting alone.
func BenchmarkMergeSummarize(b *testing.B) { benchMerge(b, nil) }

// Merging 100 units × 20 projects and writing the city's workbook with its
// 汇总统计; the bound is 3 s and 300 MB.
func BenchmarkMergeToXLSX(b *testing.B) { benchMerge(b, render(docgen.XLSX)) }

// The same with the template's column widths (docgen.WithFixedWidths):
// without the content-driven column sizing, whose cost grows with the rows.
func BenchmarkMergeToXLSXFixedWidths(b *testing.B) {
	benchMerge(b, render(docgen.XLSX, docgen.WithFixedWidths()))
}

// The same to PDF, for comparison.
func BenchmarkMergeToPDF(b *testing.B) { benchMerge(b, render(docgen.PDF)) }
