package seal

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"
)

func TestPixelsFor(t *testing.T) {
	for _, c := range []struct {
		mm   float64
		want int
	}{
		{42, 497}, {40, 473}, {38, 449}, {25.4, 300}, {40.64, 480}, {21.59, 255}, {0.254, 3}, {25.4 / 3, 100}, {0.001, 1},
		{0, 0}, {-5, 0}, {math.NaN(), 0}, {1e300, MaxSide}, {math.Inf(1), MaxSide},
	} {
		if got := PixelsFor(c.mm); got != c.want {
			t.Errorf("PixelsFor(%v) = %d, want %d", c.mm, got, c.want)
		}
	}
}

// imageOf decodes the PNG of m into an Image, failing the test if Decode
// refuses it.
func imageOf(t testing.TB, m image.Image) Image {
	t.Helper()
	img, err := Decode(pngOf(t, m))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func TestResampleNoOp(t *testing.T) {
	img := imageOf(t, drawSeal(100))
	for _, width := range []int{100, 101, 5000} {
		got, err := Resample(img, width)
		if err != nil {
			t.Fatal(err)
		}
		if got.Width != 100 || got.Height != 100 || &got.PNG[0] != &img.PNG[0] || len(got.PNG) != len(img.PNG) {
			t.Errorf("Resample to %d: not the same image", width)
		}
	}
	// Not even decoded: an image small enough is returned as it is.
	odd := Image{PNG: []byte("not looked at"), Width: 20, Height: 20}
	if got, err := Resample(odd, 20); err != nil || &got.PNG[0] != &odd.PNG[0] {
		t.Errorf("Resample decoded an image already small enough: %v", err)
	}
}

func TestResampleSizes(t *testing.T) {
	for _, c := range []struct {
		w, h, max, dw, dh int
	}{
		{600, 600, 497, 497, 497},
		{600, 400, 300, 300, 200},
		{601, 400, 300, 300, 200}, // 199.67 rounds up
		{400, 601, 100, 100, 150}, // 150.25 rounds down
		{300, 100, 49, 49, 17},    // 16.33 would make it more than 3:1
		{100, 300, 10, 16, 48},    // raised to MinSide wide
		{300, 100, 20, 48, 16},    // raised to MinSide high
		{64, 64, 1, 16, 16},
		{17, 17, 16, 16, 16},
		{16, 40, 1, 16, 40}, // cannot shrink: unchanged
	} {
		img := imageOf(t, drawOval(c.w, c.h))
		got, err := Resample(img, c.max)
		if err != nil {
			t.Fatalf("%d×%d to %d: %v", c.w, c.h, c.max, err)
		}
		if got.Width != c.dw || got.Height != c.dh {
			t.Errorf("%d×%d to %d: got %d×%d, want %d×%d", c.w, c.h, c.max, got.Width, got.Height, c.dw, c.dh)
		}
		checkImage(t, got)
	}
	if _, err := Resample(imageOf(t, drawSeal(20)), 0); err == nil {
		t.Error("Resample to 0 pixels: no error")
	}
}

// drawOval draws a w×h opaque red ellipse filling a transparent image.
func drawOval(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			dx, dy := (float64(x)+0.5)/float64(w)-0.5, (float64(y)+0.5)/float64(h)-0.5
			if dx*dx+dy*dy <= 0.25 {
				m.SetNRGBA(x, y, color.NRGBA{sealRed.R, sealRed.G, sealRed.B, 0xff})
			}
		}
	}
	return m
}

func TestResampleDeterministic(t *testing.T) {
	img := Specimen()
	a, err := Resample(img, PixelsFor(42))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Resample(img, PixelsFor(42))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.PNG, b.PNG) {
		t.Error("two resamplings differ")
	}
	n := checkImage(t, a)
	// The pixels are integer arithmetic only, so they are the same on every
	// architecture; a change of filter must update this digest.
	sum := sha256.Sum256(n.Pix)
	if got, want := hex.EncodeToString(sum[:8]), specimen497Digest; got != want {
		t.Errorf("pixels of the specimen at 497 px: digest %s, want %s", got, want)
	}
}

// specimen497Digest is the start of the SHA-256 of the pixels of
// Resample(Specimen(), 497).
const specimen497Digest = "1eb8972bcf0701d1"

// refBox is boxDown written plainly: each output pixel sums the inputs it
// overlaps, weighted by the overlap's area.
func refBox(src *image.NRGBA, dw, dh int) *image.NRGBA {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	overlap := func(a0, a1, b0, b1 int) uint64 { return uint64(max(0, min(a1, b1)-max(a0, b0))) }
	total := uint64(w * h)
	dst := image.NewNRGBA(image.Rect(0, 0, dw, dh))
	for oy := range dh {
		for ox := range dw {
			var sum [4]uint64
			for y := oy * h / dh; y*dh < (oy+1)*h; y++ {
				wy := overlap(y*dh, (y+1)*dh, oy*h, (oy+1)*h)
				for x := ox * w / dw; x*dw < (ox+1)*w; x++ {
					wt := wy * overlap(x*dw, (x+1)*dw, ox*w, (ox+1)*w)
					c := src.NRGBAAt(x, y)
					a := uint64(c.A)
					sum[0] += uint64(c.R) * a * wt
					sum[1] += uint64(c.G) * a * wt
					sum[2] += uint64(c.B) * a * wt
					sum[3] += a * wt
				}
			}
			if a := (sum[3] + total/2) / total; a != 0 {
				r := func(s uint64) uint8 { return uint8((s + sum[3]/2) / sum[3]) }
				dst.SetNRGBA(ox, oy, color.NRGBA{r(sum[0]), r(sum[1]), r(sum[2]), uint8(a)})
			}
		}
	}
	return dst
}

// randomImage is a w×h image of random pixels: opaque, transparent (with
// a random colour) or translucent, or with opaque all opaque.
func randomImage(r *rand.Rand, w, h int, opaque bool) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(m.Pix); i += 4 {
		m.Pix[i], m.Pix[i+1], m.Pix[i+2] = uint8(r.Uint32()), uint8(r.Uint32()), uint8(r.Uint32())
		switch a := r.IntN(3); {
		case opaque || a == 0:
			m.Pix[i+3] = 0xff
		case a == 1:
			m.Pix[i+3] = 0
		default:
			m.Pix[i+3] = uint8(r.Uint32())
		}
	}
	return m
}

// TestResampleExact compares Resample with refBox on random images, RGBA
// and opaque (stored as RGB), of random sizes.
func TestResampleExact(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 40 {
		w, h := 16+r.IntN(60), 16+r.IntN(60)
		if w > 3*h || h > 3*w {
			continue
		}
		src := randomImage(r, w, h, i%4 == 0)
		img := imageOf(t, src)
		got, err := Resample(img, 16+r.IntN(w-15))
		if err != nil {
			t.Fatal(err)
		}
		n := checkImage(t, got)
		want := refBox(src, got.Width, got.Height)
		comparePixels(t, n, func(x, y int) color.NRGBA { return want.NRGBAAt(x, y) })
	}
}

// TestResampleUniform: an opaque image of one colour stays that colour,
// and a 2×2 checkerboard halved averages to grey exactly.
func TestResampleUniform(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 97, 61))
	for i := 0; i < len(m.Pix); i += 4 {
		copy(m.Pix[i:], []byte{0xd7, 0x00, 0x0f, 0xff})
	}
	got, err := Resample(imageOf(t, m), 40)
	if err != nil {
		t.Fatal(err)
	}
	comparePixels(t, checkImage(t, got), func(x, y int) color.NRGBA { return color.NRGBA{0xd7, 0x00, 0x0f, 0xff} })

	for y := range 64 {
		for x := range 64 {
			v := uint8(255 * ((x + y) % 2))
			m.SetNRGBA(x, y, color.NRGBA{v, v, v, 0xff})
		}
	}
	got, err = Resample(imageOf(t, m.SubImage(image.Rect(0, 0, 64, 64))), 32)
	if err != nil {
		t.Fatal(err)
	}
	comparePixels(t, checkImage(t, got), func(x, y int) color.NRGBA { return color.NRGBA{128, 128, 128, 0xff} })
}

// TestResamplePremultiplied: the colour of transparent pixels (bright
// green here) must not tint the edges of the seal, as it would if the
// filter averaged colours without weighting them by alpha.
func TestResamplePremultiplied(t *testing.T) {
	m := drawSeal(301)
	for i := 0; i < len(m.Pix); i += 4 {
		if m.Pix[i+3] == 0 {
			copy(m.Pix[i:], []byte{0, 0xff, 0, 0})
		}
	}
	img := imageOf(t, m)
	for _, width := range []int{150, 97, 40} {
		got, err := Resample(img, width)
		if err != nil {
			t.Fatal(err)
		}
		n := checkImage(t, got)
		edges := 0
		comparePixels(t, n, func(x, y int) color.NRGBA {
			c := n.NRGBAAt(x, y)
			if c.A == 0 {
				return color.NRGBA{}
			}
			if c.A != 0xff {
				edges++
			}
			return color.NRGBA{sealRed.R, sealRed.G, sealRed.B, c.A}
		})
		if edges == 0 {
			t.Errorf("width %d: no translucent edge pixel to test", width)
		}
	}
}

// TestResampleFaint: a seal whose only ink would round to transparent
// keeps one faint pixel, so that Decode still accepts it.
func TestResampleFaint(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	m.SetNRGBA(10, 50, color.NRGBA{0xd7, 0, 0x0f, 3})
	got, err := Resample(imageOf(t, m), 16)
	if err != nil {
		t.Fatal(err)
	}
	n := checkImage(t, got)
	comparePixels(t, n, func(x, y int) color.NRGBA {
		if x == 2 && y == 12 {
			return color.NRGBA{0xd7, 0, 0x0f, 1}
		}
		return color.NRGBA{}
	})
}

// TestResampleNotCanonical: an Image whose PNG is not in Decode's form (a
// hand-made one: interlaced, palette, tRNS) is decoded whole and gives the
// same result as its canonical form.
func TestResampleNotCanonical(t *testing.T) {
	for _, p := range []rawPNG{
		variant(40, 30, ctRGBA, 8, false, true),
		variant(40, 30, ctPalette, 8, true, false),
		variant(40, 30, ctRGB, 8, true, false),
		variant(40, 30, ctGreyAlpha, 16, false, false),
	} {
		data := p.build()
		canon, err := Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Resample(canon, 20)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Resample(Image{PNG: data, Width: 40, Height: 30}, 20)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.PNG, want.PNG) {
			t.Errorf("colour type %d: differs from resampling Decode's output", p.colorType)
		}
	}
}
