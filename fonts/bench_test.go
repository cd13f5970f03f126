package fonts

import (
	"bytes"
	"compress/gzip"
	"io"
	"testing"
)

// embeddedData returns the uncompressed bytes of an embedded font file.
func embeddedData(tb testing.TB, file string) []byte {
	tb.Helper()
	gz, err := fontFiles.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		tb.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func benchmarkParse(b *testing.B, file string) {
	data := embeddedData(b, file)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(file, data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseSubset parses the embedded body font (a GB2312 subset).
func BenchmarkParseSubset(b *testing.B) { benchmarkParse(b, "NotoSerifSC-Regular.subset.ttf.gz") }

// BenchmarkParseFull parses the embedded full Noto Serif SC (the fallback).
func BenchmarkParseFull(b *testing.B) { benchmarkParse(b, "NotoSerifSC-Regular.full.ttf.gz") }

// BenchmarkDefault decompresses and parses the three embedded role fonts,
// as the first call of Default does.
func BenchmarkDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, file := range []string{"NotoSerifSC-Bold.subset.ttf.gz", "NotoSansSC-Regular.subset.ttf.gz", "NotoSerifSC-Regular.subset.ttf.gz"} {
			if _, err := loadEmbedded(file, file); err != nil {
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
		if _, err := loadEmbedded("NotoSerifSC-Regular.full.ttf.gz", "full"); err != nil {
			b.Fatal(err)
		}
	}
}
