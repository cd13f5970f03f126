package sheet_test

import (
	"bytes"
	"testing"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/sheet"
)

// Import of the exported 11-project 附件4 (examples/signing.json); the
// issue's bound is 10 ms.
func BenchmarkReadSigning(b *testing.B) {
	data, err := examples.Input(string(forms.SigningID))
	if err != nil {
		b.Fatal(err)
	}
	book := render(b, mustParse(b, forms.SigningID, data), docgen.XLSX)
	b.SetBytes(int64(len(book)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sheet.Read(bytes.NewReader(book), forms.SigningID, sheet.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
