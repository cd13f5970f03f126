package docgen

import (
	"bytes"
	"errors"
	"iter"
	"testing"

	"github.com/zsdoc/zsdoc/forms"
)

// orders yields n copies of the example 督办单, numbered, the k-th broken
// when bad is k (0: none).
func orders(t testing.TB, n, bad int) iter.Seq2[*forms.Supervision, error] {
	base := parseExample(t, forms.SupervisionID).(*forms.Supervision)
	return func(yield func(*forms.Supervision, error) bool) {
		for i := range n {
			o := *base
			if i+1 == bad {
				o.Target = ""
			}
			if !yield(&o, nil) {
				return
			}
		}
	}
}

// A streamed batch gives the same bytes as the same orders rendered as a
// SupervisionBatch, and names a bad order by its place.
func TestRenderBatch(t *testing.T) {
	var want, got bytes.Buffer
	var batch forms.SupervisionBatch
	for o := range orders(t, 5, 0) {
		batch = append(batch, *o)
	}
	for _, format := range []Format{PDF, DOCX} {
		want.Reset()
		got.Reset()
		if err := Render(t.Context(), &want, &batch, format); err != nil {
			t.Fatal(err)
		}
		if err := RenderBatch(t.Context(), &got, orders(t, 5, 0), format); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want.Bytes(), got.Bytes()) {
			t.Errorf("%s: the streamed batch differs from the batch rendered whole", format)
		}
	}
	err := RenderBatch(t.Context(), &got, orders(t, 5, 4), PDF)
	var list forms.Errors
	if !errors.As(err, &list) || list[0].Path != "[3].target" || list[0].Row != "第4份督办单" {
		t.Fatalf("bad 4th order: %v", err)
	}
	if err := RenderBatch(t.Context(), &got, orders(t, 0, 0), PDF); !errors.As(err, &list) {
		t.Errorf("empty batch: %v", err)
	}
}

// WithDuplex asks for two-sided printing; every PDF asks to print at actual size.
func TestViewerPreferences(t *testing.T) {
	var plain, duplex bytes.Buffer
	if err := RenderBatch(t.Context(), &plain, orders(t, 2, 0), PDF); err != nil {
		t.Fatal(err)
	}
	if err := RenderBatch(t.Context(), &duplex, orders(t, 2, 0), PDF, WithDuplex()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(plain.Bytes(), []byte("/PrintScaling /None")) || bytes.Contains(plain.Bytes(), []byte("/Duplex")) {
		t.Error("a plain batch: wrong viewer preferences")
	}
	if !bytes.Contains(duplex.Bytes(), []byte("/Duplex /DuplexFlipLongEdge")) {
		t.Error("WithDuplex: no /Duplex")
	}
}
