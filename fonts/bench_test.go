package fonts

import (
	"math/rand"
	"testing"
)

// embeddedData returns the (uncompressed) bytes of an embedded font file.
func embeddedData(tb testing.TB, file string) []byte {
	tb.Helper()
	for _, e := range embeddedFonts {
		if e.file == file {
			data, err := e.data()
			if err != nil {
				tb.Fatal(err)
			}
			return data
		}
	}
	tb.Fatalf("no embedded font %s", file)
	return nil
}

func benchmarkParse(b *testing.B, file string, trusted bool) {
	data := embeddedData(b, file)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseNamed(file, data, trusted); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseSubset parses the embedded body font (a GB2312 subset)
// with every check, as Parse does a user's font.
func BenchmarkParseSubset(b *testing.B) {
	benchmarkParse(b, "NotoSerifSC-Regular.subset.ttf", false)
}

// BenchmarkParseSubsetTrusted parses the embedded body font as Default
// does: without the checks of every glyph.
func BenchmarkParseSubsetTrusted(b *testing.B) {
	benchmarkParse(b, "NotoSerifSC-Regular.subset.ttf", true)
}

// BenchmarkParseFull parses the embedded full Noto Serif SC (the fallback)
// with every check.
func BenchmarkParseFull(b *testing.B) { benchmarkParse(b, "NotoSerifSC-Regular.full.ttf.gz", false) }

// BenchmarkDefaultCold loads the three embedded role fonts from scratch,
// as the first call of Default in a process does (not through its
// sync.Once, which would load them once only).
func BenchmarkDefaultCold(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, e := range []embedded{embeddedTitle, embeddedLabel, embeddedBody} {
			if _, err := e.load(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLoadFallback decompresses and parses the embedded full font, as
// the first character missing from a role font does.
func BenchmarkLoadFallback(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := embeddedFallback.load(); err != nil {
			b.Fatal(err)
		}
	}
}

// lookupText is a 督办单's text, for the lookup benchmark.
var lookupText = []rune("督办单湘江智造新能源汽车零部件产业园项目已于10月完成签约，但项目用地规划条件论证和专线供电方案尚未落实，" +
	"影响项目按期开工。请牵头协调市自然资源和规划局、国网湘潭供电公司，加快推进项目用地和供电保障工作。ABCxyz（）：")

// BenchmarkGlyphLookup measures GlyphIndex and Advance (a binary search in
// the cmap subtable, a read of hmtx) per character of a document.
func BenchmarkGlyphLookup(b *testing.B) {
	f, err := parseNamed("body", embeddedData(b, "NotoSerifSC-Regular.subset.ttf"), true)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for _, r := range lookupText {
			if f.GlyphIndex(r) == 0 || f.Advance(r) == 0 {
				b.Fatalf("%q", r)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(lookupText)), "ns/char")
}

// benchGlyphs returns .notdef and n-1 glyphs of face picked at random
// (seeded) among those the cmap maps, in random order as a PDF writer
// meets them, with their characters.
func benchGlyphs(face *Face, n int) ([]uint16, []rune) {
	first := firstRunes(face)
	var mapped []uint16
	for g, r := range first {
		if r != 0 {
			mapped = append(mapped, uint16(g))
		}
	}
	rng := rand.New(rand.NewSource(1))
	rng.Shuffle(len(mapped), func(i, j int) { mapped[i], mapped[j] = mapped[j], mapped[i] })
	gids, runes := []uint16{0}, []rune{0}
	for _, g := range mapped[:n-1] {
		gids, runes = append(gids, g), append(runes, first[g])
	}
	return gids, runes
}

// BenchmarkSubset subsets the embedded body font to 800 glyphs, as a PDF
// writer does for a document of a few pages.
func BenchmarkSubset(b *testing.B) {
	face, err := parseNamed("body", embeddedData(b, "NotoSerifSC-Regular.subset.ttf"), true)
	if err != nil {
		b.Fatal(err)
	}
	gids, runes := benchGlyphs(face, 800)
	b.ReportAllocs()
	size := 0
	for b.Loop() {
		data, err := face.Subset(gids, runes)
		if err != nil {
			b.Fatal(err)
		}
		size = len(data)
	}
	b.ReportMetric(float64(size), "bytes")
}
