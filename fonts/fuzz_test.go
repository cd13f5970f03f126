package fonts

import (
	"bytes"
	"flag"
	"github.com/zsdoc/zsdoc/fonts/fontstest"
	"math"
	"math/rand"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// parseTimeLimit is far more than Parse needs for any input (microseconds
// to milliseconds): an input that takes longer makes work the checks
// should have bounded.
const parseTimeLimit = 3 * time.Second

// fuzzing reports whether the test binary runs with -test.fuzz: then the
// seeds are kept small, as every execution copies and mutates its input.
func fuzzing() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
}

// FuzzParse feeds arbitrary bytes to Parse: it must return in bounded time
// without panicking, with an error that names the file, or a face whose
// every accessor works and whose every mapped glyph exists.
func FuzzParse(f *testing.F) {
	tiny := tinyFont(f)
	f.Add(tiny)
	f.Add(buildCollection(tiny, tinyFontNamed(f, "ZsdocTest-Bold")))
	for _, d := range damages {
		if !d.huge {
			f.Add(d.apply(f, tiny))
		}
	}
	if !fuzzing() {
		for _, file := range []string{"NotoSansSC-Regular.subset.ttf", "NotoSerifSC-Regular.subset.ttf", "NotoSerifSC-Bold.subset.ttf"} {
			f.Add(embeddedData(f, file))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParse(t, "fuzz.ttf", data)
	})
}

// checkParse parses data and checks the outcome; it returns whether the
// font was accepted.
func checkParse(t *testing.T, name string, data []byte) bool {
	t.Helper()
	start := time.Now()
	face, err := Parse(name, data)
	if d := time.Since(start); d > parseTimeLimit {
		t.Errorf("Parse took %v", d)
	}
	if err != nil {
		if want := "字体文件“" + name + "”无法使用："; !strings.HasPrefix(err.Error(), want) {
			t.Errorf("error %q does not start with %q", err, want)
		}
		return false
	}
	checkFace(t, face, name, data)
	return true
}

// checkFace calls every accessor of an accepted face and checks what the
// PDF and DOCX writers rely on.
func checkFace(t *testing.T, face *Face, name string, data []byte) {
	t.Helper()
	if face.Name() != name {
		t.Errorf("Name() = %q", face.Name())
	}
	if d := face.Data(); isCollection(data) {
		if _, err := Parse(name, d); err != nil {
			t.Errorf("Data() of a collection's face: %v", err)
		}
	} else if !bytes.Equal(d, data) && (len(d) <= len(data) || len(d) > len(data)+3 ||
		!bytes.Equal(d[:len(data)], data) || bytes.ContainsFunc(d[len(data):], func(r rune) bool { return r != 0 })) {
		t.Errorf("Data() is %d bytes, not the %d given, padded to four at most", len(d), len(data))
	}
	_, _ = face.Family(), face.PostScriptName()
	if a, d := face.Ascent(), face.Descent(); !(a > 0) || d > 0 || math.IsInf(a-d, 0) || math.IsNaN(d) {
		t.Errorf("ascent %v, descent %v", a, d)
	}
	builds := 0
	for range 2 {
		if v, err := face.Memo("key", func() (any, error) { builds++; return builds, nil }); v != 1 || err != nil {
			t.Errorf("Memo: %v, %v", v, err)
		}
	}
	mapped := 0
	check := func(r rune, g uint16) {
		mapped++
		if face.Has(r) != (g != 0) || face.GlyphIndex(r) != g || int(g) >= face.numGlyphs {
			t.Fatalf("U+%04X: glyph %d (lookup %d) of %d, Has %v", r, g, face.GlyphIndex(r), face.numGlyphs, face.Has(r))
		}
		if a := face.Advance(r); a < 0 || a > 65535.0/16 || g == 0 && a != 0 {
			t.Fatalf("U+%04X: advance %v", r, a)
		}
	}
	// Every mapped character, then a sample of all: what the subtable
	// lists is what the lookups find.
	face.cmap.each(func(r rune, g uint16) {
		if r < 0 || r > 0x10FFFF || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF) || g == 0 {
			t.Fatalf("cmap maps U+%04X → %d", r, g)
		}
		if check(r, g); mapped > maxMapped+0x10000 {
			t.Fatalf("more than %d characters mapped", maxMapped)
		}
	})
	for r := rune(0); r <= 0x10FFFF; r += 0x3FF {
		check(r, face.GlyphIndex(r))
	}
	for _, r := range []rune{-1, 0xD800, 0xDFFF, 0xFFFF, 0x110000, math.MaxInt32} {
		if face.Has(r) || face.Advance(r) != 0 {
			t.Errorf("Has(U+%04X)", r)
		}
	}
	checkFaceSubset(t, face)
}

// checkFaceSubset subsets an accepted face to its last glyphs (where
// tinyFont has its composites) and a few mapped ones: the subset parses.
func checkFaceSubset(t *testing.T, face *Face) {
	t.Helper()
	gids, runes := []uint16{0}, []rune{0}
	add := func(g uint16, r rune) {
		if g != 0 && len(gids) < 12 && !slices.Contains(gids, g) {
			gids, runes = append(gids, g), append(runes, r)
		}
	}
	for g := max(1, face.NumGlyphs()-4); g < face.NumGlyphs(); g++ {
		add(uint16(g), 0)
	}
	face.cmap.each(func(r rune, g uint16) { add(g, r) })
	data, err := face.Subset(gids, runes)
	if err != nil {
		t.Fatalf("Subset(%v) of an accepted font: %v", gids, err)
	}
	sub, err := Parse("subset.ttf", data)
	if err != nil {
		t.Fatalf("the subset of an accepted font: %v", err)
	}
	if sub.NumGlyphs() < len(gids) {
		t.Fatalf("the subset has %d glyphs, want %d and more", sub.NumGlyphs(), len(gids))
	}
}

// TestMutations parses 300 seeded random mutations of a real font (DejaVu
// Sans where installed, else the smallest embedded subset): each is
// refused with an error naming the file, or gives a face that works.
func TestMutations(t *testing.T) {
	name, base := mutationBase(t)
	rng := rand.New(rand.NewSource(1))
	refused := 0
	for i := range 300 {
		data := fontstest.Mutate(rng, base)
		if !checkParse(t, name, data) {
			refused++
		}
		if t.Failed() {
			t.Fatalf("mutation %d", i)
		}
	}
	t.Logf("%s: %d of 300 mutations refused", name, refused)
	if refused == 0 || refused == 300 {
		t.Errorf("%d of 300 mutations refused: the mutations do not exercise the checks", refused)
	}
}

// mutationBase returns the font TestMutations mutates.
func mutationBase(tb testing.TB) (string, []byte) {
	if data, err := os.ReadFile("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"); err == nil {
		return "DejaVuSans.ttf", data
	}
	return "NotoSansSC-Regular.subset.ttf", embeddedData(tb, "NotoSansSC-Regular.subset.ttf")
}
