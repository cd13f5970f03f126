package docgen

import (
	"bytes"
	"context"
	"flag"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
)

var update = flag.Bool("update", false, "rewrite the golden PNG snapshots in testdata/golden")

// The first page of every form, filled (with the specimen seal) and blank,
// rasterised by pdftoppm, matches its golden snapshot. Regenerate with
// `go test ./docgen -run Golden -update` after a deliberate change, and
// look at the new PNGs before committing them.
func TestPDFGolden(t *testing.T) {
	requireTool(t, "pdftoppm", "poppler-utils")
	ctx := context.Background()
	for _, in := range forms.All() {
		for _, blank := range []bool{false, true} {
			name := describe(in.ID, blank)
			t.Run(name, func(t *testing.T) {
				var buf bytes.Buffer
				var err error
				if blank {
					err = RenderBlank(ctx, &buf, in.ID, PDF)
				} else {
					err = Render(ctx, &buf, parseExample(t, in.ID), PDF, WithSeal(examples.SpecimenSeal()))
				}
				if err != nil {
					t.Fatal(err)
				}
				got := rasterize(t, buf.Bytes())
				file := filepath.Join("testdata", "golden", name+".png")
				if *update {
					if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(file, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(file)
				if err != nil {
					t.Fatalf("no golden snapshot (run with -update): %v", err)
				}
				diff := pixelDiff(t, got, want)
				t.Logf("%s: %.3f%% of pixels differ", name, diff*100)
				if diff > 0.001 {
					out := filepath.Join(t.TempDir(), name+".png")
					_ = os.WriteFile(out, got, 0o644)
					t.Errorf("page 1 differs from %s in %.2f%% of pixels; new render: %s", file, diff*100, out)
				}
			})
		}
	}
}

// rasterize renders page 1 of a PDF to PNG at 40 dpi.
func rasterize(t *testing.T, pdfData []byte) []byte {
	t.Helper()
	cmd := exec.Command("pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", "-")
	cmd.Stdin = bytes.NewReader(pdfData)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftoppm: %v", err)
	}
	return out
}

// pixelDiff returns the share of pixels that differ visibly.
func pixelDiff(t *testing.T, a, b []byte) float64 {
	t.Helper()
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if ia.Bounds() != ib.Bounds() {
		return 1
	}
	r := ia.Bounds()
	diff := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if !near(ia, ib, x, y) {
				diff++
			}
		}
	}
	return float64(diff) / float64(r.Dx()*r.Dy())
}

func near(a, b image.Image, x, y int) bool {
	r1, g1, b1, _ := a.At(x, y).RGBA()
	r2, g2, b2, _ := b.At(x, y).RGBA()
	d := func(p, q uint32) uint32 {
		if p > q {
			return p - q
		}
		return q - p
	}
	return max(d(r1, r2), d(g1, g2), d(b1, b2)) <= 0x2000
}
