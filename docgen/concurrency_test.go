package docgen

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
)

// Many goroutines render at once with the shared, once-parsed fonts; run
// with -race. Every output, in every format, must be byte-identical to the same
// document rendered alone.
func TestRenderConcurrently(t *testing.T) {
	ctx := context.Background()
	render := func(id forms.ID, format Format) ([]byte, error) {
		data, _ := examples.Input(string(id))
		f, err := forms.Parse(id, data)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		err = Render(ctx, &buf, f, format, WithSeal(examples.SpecimenSeal()))
		return buf.Bytes(), err
	}
	type key struct {
		id     forms.ID
		format Format
	}
	want := map[key][]byte{}
	for _, in := range forms.All() {
		for _, format := range Formats() {
			b, err := render(in.ID, format)
			if err != nil {
				t.Fatal(err)
			}
			want[key{in.ID, format}] = b
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 128)
	for g := 0; g < 6; g++ {
		for k := range want {
			wg.Add(1)
			go func() {
				defer wg.Done()
				b, err := render(k.id, k.format)
				switch {
				case err != nil:
					errs <- err
				case !bytes.Equal(b, want[k]):
					errs <- fmt.Errorf("%s %s: concurrent rendering differs from rendering alone", k.id, k.format)
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
