package pdfw

import (
	"fmt"
	"io"
	"testing"
)

// benchDoc draws pages like a form's: 60 runs of 5 glyphs (300 glyphs)
// and 200 lines, in the tiny font.
type benchDoc struct {
	w     *Writer
	f     *FontRef
	runs  [][]Glyph
	pages int
}

func newBenchDoc(tb testing.TB, out io.Writer) *benchDoc {
	w, err := New(out, Options{Title: "bench", Producer: "pdfw"})
	check(tb, err)
	ttf := readTTF(tb, mustRead(tb, tinyPath), false)
	f, err := w.AddFont(ttf)
	check(tb, err)
	texts := []string{"中文字表，", "ABC01", "2中文字表", "，ABC0", "12中文字"}
	b := &benchDoc{w: w, f: f}
	for _, s := range texts {
		b.runs = append(b.runs, ttf.glyphs(tb, s))
	}
	return b
}

func (b *benchDoc) page(tb testing.TB) {
	p, err := b.w.BeginPage(595.28, 841.89)
	check(tb, err)
	b.pages++
	for i := 0; i < 200; i++ {
		y := 40 + float64(i%100)*7.5
		width := 0.5
		if i%10 == 0 {
			width = 1
		}
		if i < 100 {
			p.Line(40, y, 555.28, y, width)
		} else {
			p.Line(40+float64(i-100)*5, 40, 40+float64(i-100)*5, 790, width)
		}
	}
	for i := 0; i < 60; i++ {
		spacing := 0.0
		if i%7 == 0 {
			spacing = 0.35
		}
		x := 50 + float64(i%3)*170 + float64(b.pages%5)*0.1
		p.Text(b.f, 10.5, x, 60+float64(i/3)*36, spacing, b.runs[i%len(b.runs)])
	}
	check(tb, b.w.EndPage(p))
}

// BenchmarkWritePage writes one page of 300 glyphs in 60 runs and 200
// lines per iteration.
func BenchmarkWritePage(b *testing.B) {
	d := newBenchDoc(b, io.Discard)
	d.page(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		d.page(b)
	}
}

// BenchmarkCompressLevel measures, at each flate level, the time and
// size of a form page's content stream (the page of BenchmarkWritePage)
// and of an embedded font (the whole Noto Sans SC subset shipped with
// package fonts, 2.7 MB: a document's real subset is far smaller).
func BenchmarkCompressLevel(b *testing.B) {
	font := loadTTF(b, notoPath(b), true).data
	for _, level := range []int{1, 4, 6, 9} {
		b.Run(fmt.Sprint("page/level", level), func(b *testing.B) {
			var out countWriter
			d := newBenchDoc(b, &out)
			d.w.z.level = level
			d.page(b)
			start, n := d.w.pos(), 0
			for b.Loop() {
				d.page(b)
				n++
			}
			b.ReportMetric(float64(d.w.pos()-start)/float64(n), "bytes/page")
		})
		b.Run(fmt.Sprint("font/level", level), func(b *testing.B) {
			c := compressor{level: level}
			size := 0
			for b.Loop() {
				size = len(c.compress(font))
			}
			b.ReportMetric(float64(size), "bytes")
		})
	}
}

// countWriter discards what it is given.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}
