package pdf

import (
	"context"
	"errors"
	"flag"
	"github.com/zsdoc/zsdoc/fonts/fontstest"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
)

// A font that fonts.Parse accepts must never crash the PDF writer: a
// *PanicError from Render means Parse's checks miss something the writer
// reads, to be fixed in package fonts.

// FuzzRenderFont parses arbitrary bytes as the body font and, when
// fonts.Parse accepts them, renders a paragraph of characters the font
// claims to have plus CJK.
func FuzzRenderFont(f *testing.F) {
	for _, seed := range fontSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		renderFont(t, data)
	})
}

// TestRenderFontMutations renders 300 seeded random mutations of a real
// font (DejaVu Sans where installed, else the smallest embedded subset):
// none that fonts.Parse accepts may crash the writer.
func TestRenderFontMutations(t *testing.T) {
	if testing.Short() {
		t.Skip("renders 300 fonts")
	}
	name, base := mutationBase(t)
	rng := rand.New(rand.NewSource(1))
	rendered := 0
	for i := range 300 {
		if renderFont(t, fontstest.Mutate(rng, base)) {
			rendered++
		}
		if t.Failed() {
			t.Fatalf("mutation %d", i)
		}
	}
	t.Logf("%s: %d of 300 mutations accepted and rendered", name, rendered)
	if rendered == 0 {
		t.Error("no mutation was accepted: the writer was not exercised")
	}
}

// renderFont parses data as a font and, if it is accepted, renders with it
// as the body font. It fails the test when rendering panics, and returns
// whether the font was accepted.
func renderFont(t *testing.T, data []byte) bool {
	t.Helper()
	face, err := fonts.Parse("fuzz.ttf", data)
	if err != nil {
		return false
	}
	base, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	set := base.With(fonts.Body, face)
	err = Render(context.Background(), io.Discard, fontDoc(face), set)
	var pe *PanicError
	if errors.As(err, &pe) {
		t.Fatalf("a font that fonts.Parse accepted crashed the PDF writer: %v\n%s", pe.Value, pe.Stack)
	}
	return true
}

// fontDoc is one A4 page with a paragraph of up to 60 characters the face
// has (ASCII, Latin-1, CJK, above the BMP) and a few common CJK ones.
func fontDoc(face *fonts.Face) *layout.Document {
	var text []rune
	for _, r := range []struct{ lo, hi rune }{{0x21, 0xFF}, {0x3000, 0x303F}, {0x4E00, 0x9FFF}, {0x20000, 0x20100}} {
		for c := r.lo; c <= r.hi && len(text) < 60; c++ {
			if face.Has(c) {
				text = append(text, c)
			}
		}
	}
	text = append(text, []rune(" 中文字表，A1")...)
	para := &layout.Paragraph{Spans: []layout.Span{{Text: string(text)}}, Font: layout.Font{Role: layout.RoleBody, Size: 12}}
	return &layout.Document{Sections: []layout.Section{{
		Page:   layout.Page{Size: layout.A4(), Margins: layout.Insets{Top: 72, Right: 72, Bottom: 72, Left: 72}},
		Blocks: []layout.Block{para},
	}}}
}

// fontSeeds returns the small fonts of package fonts' tests: testdata/tiny.ttf
// and the FuzzParse corpus (seeds and crashers found by either fuzz test).
func fontSeeds(tb testing.TB) [][]byte {
	dir := filepath.Join("..", "..", "fonts", "testdata")
	tiny, err := os.ReadFile(filepath.Join(dir, "tiny.ttf"))
	if err != nil {
		tb.Fatal(err)
	}
	seeds := [][]byte{tiny}
	files, _ := filepath.Glob(filepath.Join(dir, "fuzz", "FuzzParse", "*"))
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		seed, err := corpusBytes(b)
		if err != nil {
			tb.Fatalf("%s: %v", file, err)
		}
		seeds = append(seeds, seed)
	}
	if !fuzzing() {
		// The mutation base too, when not fuzzing: too big to mutate fast.
		_, base := mutationBase(tb)
		seeds = append(seeds, base)
	}
	return seeds
}

// corpusBytes decodes a fuzz corpus file of one []byte value.
func corpusBytes(b []byte) ([]byte, error) {
	lines := strings.SplitN(strings.TrimSpace(string(b)), "\n", 2)
	if len(lines) != 2 || lines[0] != "go test fuzz v1" {
		return nil, errors.New("not a go fuzz corpus file")
	}
	v, ok := strings.CutPrefix(lines[1], "[]byte(")
	if v, ok2 := strings.CutSuffix(v, ")"); ok && ok2 {
		s, err := strconv.Unquote(v)
		return []byte(s), err
	}
	return nil, errors.New("not a []byte value")
}

// fuzzing reports whether the test binary runs with -test.fuzz.
func fuzzing() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
}

// mutationBase returns the font TestRenderFontMutations mutates.
func mutationBase(tb testing.TB) (string, []byte) {
	if data, err := os.ReadFile("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"); err == nil {
		return "DejaVuSans.ttf", data
	}
	set, err := fonts.Default()
	if err != nil {
		tb.Fatal(err)
	}
	return set.Face(fonts.Label).Name(), set.Face(fonts.Label).Data() // the smallest subset
}
