package seal

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
)

// sealRed is the red of a seal's ink.
var sealRed = color.NRGBA{R: 0xd7, G: 0x00, B: 0x0f}

// drawSeal draws a size×size seal as an office would export one: a red
// ring and a five-pointed star, anti-aliased (4×4 samples a pixel), on a
// transparent background.
func drawSeal(size int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, size, size))
	c := float64(size) / 2
	outer, inner := c*0.96, c*0.88
	star := make([][2]float64, 10)
	for i := range star {
		r := c * 0.32
		if i%2 == 1 {
			r *= 0.382
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		star[i] = [2]float64{c + r*math.Cos(a), c + r*math.Sin(a)}
	}
	const ss = 4
	for y := range size {
		for x := range size {
			cover := 0
			for sy := range ss {
				for sx := range ss {
					px, py := float64(x)+(float64(sx)+0.5)/ss, float64(y)+(float64(sy)+0.5)/ss
					d := math.Hypot(px-c, py-c)
					if d <= outer && d >= inner || inPolygon(star, px, py) {
						cover++
					}
				}
			}
			if cover > 0 {
				p := sealRed
				p.A = uint8(cover * 255 / (ss * ss))
				m.SetNRGBA(x, y, p)
			}
		}
	}
	return m
}

// bitNoise is a size×size opaque image whose samples are random 0 or 16:
// compressible, yet full of short matches that slow lazy matching.
func bitNoise(size int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, size, size))
	r := rand.New(rand.NewPCG(1, 2))
	for i := range m.Pix {
		m.Pix[i] = byte(r.IntN(2)) * 0x10
		if i%4 == 3 {
			m.Pix[i] = 0xff
		}
	}
	return m
}

// inPolygon reports whether (x, y) is inside the polygon (even-odd rule).
func inPolygon(poly [][2]float64, x, y float64) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a, b := poly[i], poly[j]
		if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}

// pngOf encodes m with image/png's defaults, as most editors would.
func pngOf(tb testing.TB, m image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

var (
	seal600Once sync.Once
	seal600     []byte
)

// realisticSeal is the PNG of drawSeal(600), drawn once.
func realisticSeal(tb testing.TB) []byte {
	seal600Once.Do(func() { seal600 = pngOf(tb, drawSeal(600)) })
	return seal600
}

// BenchmarkDecode decodes a realistic 600×600 seal; out-bytes is the size
// of the PNG Decode writes.
func BenchmarkDecode(b *testing.B) {
	data := realisticSeal(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	var out int
	for b.Loop() {
		img, err := Decode(data)
		if err != nil {
			b.Fatal(err)
		}
		out = len(img.PNG)
	}
	b.ReportMetric(float64(out), "out-bytes")
}

// BenchmarkEncode compares the compression levels Decode could write a
// realistic seal at, and a megapixel of low-entropy noise (the worst case
// found for DefaultCompression): the measurement behind compressionFor.
func BenchmarkEncode(b *testing.B) {
	for _, c := range []struct {
		name  string
		image *image.NRGBA
		level png.CompressionLevel
	}{
		{"seal600/NoCompression", drawSeal(600), png.NoCompression},
		{"seal600/BestSpeed", drawSeal(600), png.BestSpeed},
		{"seal600/Default", drawSeal(600), png.DefaultCompression},
		{"seal600/BestCompression", drawSeal(600), png.BestCompression},
		{"noise1024/BestSpeed", bitNoise(1024), png.BestSpeed},
		{"noise1024/Default", bitNoise(1024), png.DefaultCompression},
	} {
		m, l := c.image, c
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var out int
			for b.Loop() {
				data, err := encodeAt(m, l.level)
				if err != nil {
					b.Fatal(err)
				}
				out = len(data)
			}
			b.ReportMetric(float64(out), "out-bytes")
		})
	}
}

// BenchmarkResample scales seals down to print resolution: a drawn
// 2000×2000 seal (mostly transparent, as seals are) and a 2000×2000 opaque
// photo-like worst case to 496 pixels, and the specimen seal to 42 mm.
func BenchmarkResample(b *testing.B) {
	for _, c := range []struct {
		name  string
		image func() *image.NRGBA
		width int
	}{
		{"seal2000to496", func() *image.NRGBA { return drawSeal(2000) }, 496},
		{"opaque2000to496", func() *image.NRGBA { return smoothNoise(2000) }, 496},
		{"specimen600to497", nil, PixelsFor(42)},
	} {
		b.Run(c.name, func(b *testing.B) {
			img := Specimen()
			if c.image != nil {
				var err error
				if img, err = Decode(pngOf(b, c.image())); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.SetBytes(int64(4 * img.Width * img.Height))
			var out int
			for b.Loop() {
				r, err := Resample(img, c.width)
				if err != nil {
					b.Fatal(err)
				}
				out = len(r.PNG)
			}
			b.ReportMetric(float64(out), "out-bytes")
		})
	}
}

// smoothNoise is a size×size opaque image of gently varying colours, like a
// scanned seal on paper: every pixel is visible, the worst case for the
// filter, and compresses moderately.
func smoothNoise(size int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := range size {
		for x := range size {
			i := m.PixOffset(x, y)
			m.Pix[i] = uint8(x*7/size*32 + int(noise(x, y, 0, 4)))
			m.Pix[i+1] = uint8(y*7/size*32 + int(noise(x, y, 1, 4)))
			m.Pix[i+2] = uint8((x+y)*3/size*32 + int(noise(x, y, 2, 4)))
			m.Pix[i+3] = 0xff
		}
	}
	return m
}
