package docx_test

import (
	"context"
	"io"
	"testing"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/docgen/docx"
	"github.com/zsdoc/zsdoc/forms"
)

// BenchmarkRenderSigning11 times the DOCX of examples/signing.json (附件4
// with 11 projects): docx.Render of a layout built once, and docgen.Render
// end to end (validation, composition, DOCX). Target: ≤ 3 ms and ≤ 3 MB a
// document.
func BenchmarkRenderSigning11(b *testing.B) {
	f := parseExample(b, forms.SigningID)
	projects := 0
	for _, inv := range f.(*forms.Signing).Rows {
		projects += len(inv.Projects)
	}
	if projects != 11 {
		b.Fatalf("examples/signing.json has %d projects, want 11", projects)
	}
	ctx := context.Background()
	b.Run("docx", func(b *testing.B) {
		lay, err := docgen.Compose(f)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := docx.Render(ctx, io.Discard, lay, docx.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("end-to-end", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := docgen.Render(ctx, io.Discard, f, docgen.DOCX); err != nil {
				b.Fatal(err)
			}
		}
	})
}
