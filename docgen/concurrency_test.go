package docgen

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
)

// Many goroutines render at once with the shared, once-parsed fonts; run
// with -race. Every output must equal the same document rendered alone
// (PDF bytes differ only in the creation date, so page content is compared
// through the layout).
func TestRenderConcurrently(t *testing.T) {
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 8; g++ {
		for _, in := range forms.All() {
			wg.Add(1)
			go func(id forms.ID, g int) {
				defer wg.Done()
				data, _ := examples.Input(string(id))
				f, err := forms.Parse(id, data)
				if err != nil {
					errs <- err
					return
				}
				var buf bytes.Buffer
				opts := []Option{WithSeal(examples.SpecimenSeal())}
				if err := Render(ctx, &buf, f, PDF, opts...); err != nil {
					errs <- err
					return
				}
				if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || !bytes.Contains(buf.Bytes()[buf.Len()-32:], []byte("%%EOF")) {
					errs <- errBadPDF(id)
				}
			}(in.ID, g)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// Layouts computed concurrently match one computed alone.
	for _, in := range forms.All() {
		f := parseExample(t, in.ID)
		want := layoutPDF(t, f)
		var wg sync.WaitGroup
		got := make([]int, 4)
		for i := range got {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				got[i] = len(textBySource(layoutPDF(t, f)))
			}(i)
		}
		wg.Wait()
		for _, n := range got {
			if n != len(textBySource(want)) {
				t.Errorf("%s: concurrent layout differs", in.ID)
			}
		}
	}
}

type errBadPDF forms.ID

func (e errBadPDF) Error() string { return string(e) + ": output is not a complete PDF" }
