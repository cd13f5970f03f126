package seal

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// checkImage checks the invariants of a successful Decode: an 8-bit,
// non-interlaced RGBA (or, if opaque, RGB) PNG of the reported size within
// the limits, which decodes to an NRGBA-equivalent image that Decode
// accepts again unchanged. It returns the pixels.
func checkImage(t testing.TB, img Image) *image.NRGBA {
	t.Helper()
	if img.Width < MinSide || img.Height < MinSide || img.Width > MaxSide || img.Height > MaxSide ||
		img.Width > MaxAspect*img.Height || img.Height > MaxAspect*img.Width {
		t.Fatalf("size %d×%d outside the limits", img.Width, img.Height)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(img.PNG))
	if err != nil {
		t.Fatalf("output does not decode: %v", err)
	}
	if depth, ct, interlace := img.PNG[24], img.PNG[25], img.PNG[28]; depth != 8 || ct != ctRGBA && ct != ctRGB || interlace != 0 {
		t.Fatalf("output is bit depth %d, colour type %d, interlace %d", depth, ct, interlace)
	}
	m, err := png.Decode(bytes.NewReader(img.PNG))
	if err != nil {
		t.Fatalf("output does not decode: %v", err)
	}
	var n *image.NRGBA
	switch m := m.(type) {
	case *image.NRGBA:
		n = m
	case *image.RGBA: // colour type 2: opaque
		n = &image.NRGBA{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect}
	default:
		t.Fatalf("output decodes to %T", m)
	}
	if cfg.Width != img.Width || cfg.Height != img.Height || n.Rect != image.Rect(0, 0, img.Width, img.Height) {
		t.Fatalf("output is %v (header %d×%d), reported %d×%d", n.Rect, cfg.Width, cfg.Height, img.Width, img.Height)
	}
	again, err := Decode(img.PNG)
	if err != nil {
		t.Fatalf("Decode of the output: %v", err)
	}
	if !bytes.Equal(again.PNG, img.PNG) || again.Width != img.Width || again.Height != img.Height {
		t.Fatal("Decode(Decode(x).PNG) differs from Decode(x)")
	}
	return n
}

// comparePixels compares every pixel of got with want(x, y).
func comparePixels(t *testing.T, got *image.NRGBA, want func(x, y int) color.NRGBA) {
	t.Helper()
	bad := 0
	for y := range got.Rect.Dy() {
		for x := range got.Rect.Dx() {
			if g, w := got.NRGBAAt(x, y), want(x, y); g != w {
				if bad++; bad <= 5 {
					t.Errorf("pixel (%d,%d) = %v, want %v", x, y, g, w)
				}
			}
		}
	}
	if bad > 5 {
		t.Errorf("… %d pixels differ in all", bad)
	}
}

// variant builds a w×h test image of a colour type and bit depth with
// pseudo-random samples, a palette for colour type 3, and with trns a
// tRNS chunk (a colour key that a quarter of the pixels match, or alpha
// for the first half of the palette).
func variant(w, h int, ct, depth byte, trns, interlace bool) rawPNG {
	p := rawPNG{w: w, h: h, colorType: ct, depth: depth, interlace: interlace}
	mask := uint16(1<<depth - 1)
	p.sample = func(x, y, c int) uint16 { return noise(x, y, c, depth) }
	switch {
	case ct == ctPalette:
		p.plte = make([]color.RGBA, min(1<<depth, 200))
		for i := range p.plte {
			p.plte[i] = color.RGBA{uint8(noise(i, 0, 0, 8)), uint8(noise(i, 1, 0, 8)), uint8(noise(i, 2, 0, 8)), 0xff}
		}
		p.sample = func(x, y, c int) uint16 { return noise(x, y, c, 8) % uint16(len(p.plte)) }
		if trns {
			p.trns = make([]byte, (len(p.plte)+1)/2)
			for i := range p.trns {
				p.trns[i] = uint8(noise(i, 3, 0, 8))
			}
			p.trns[0] = 0
		}
	case trns:
		key := []uint16{0x1234 & mask, 0x5678 & mask, 0x9abc & mask}[:channels[ct]]
		for _, k := range key {
			p.trns = append(p.trns, byte(k>>8), byte(k))
		}
		p.sample = func(x, y, c int) uint16 {
			if (x+2*y)%4 == 0 {
				return key[c]
			}
			return noise(x, y, c, depth)
		}
	}
	return p
}

// TestDecodeColourTypes decodes every colour type and bit depth, with and
// without tRNS and interlacing, and compares every pixel with the PNG
// specification's reading of the samples.
func TestDecodeColourTypes(t *testing.T) {
	depths := []struct {
		ct     byte
		depths []byte
	}{
		{ctGrey, []byte{1, 2, 4, 8, 16}},
		{ctRGB, []byte{8, 16}},
		{ctPalette, []byte{1, 2, 4, 8}},
		{ctGreyAlpha, []byte{8, 16}},
		{ctRGBA, []byte{8, 16}},
	}
	for _, d := range depths {
		for _, depth := range d.depths {
			for _, trns := range []bool{false, true} {
				if trns && (d.ct == ctGreyAlpha || d.ct == ctRGBA) {
					continue // tRNS is not allowed with an alpha channel
				}
				for _, interlace := range []bool{false, true} {
					for _, size := range [][2]int{{37, 23}, {16, 16}, {19, 57}} {
						name := fmt.Sprintf("ct%d/%dbit/trns=%v/interlace=%v/%dx%d", d.ct, depth, trns, interlace, size[0], size[1])
						t.Run(name, func(t *testing.T) {
							p := variant(size[0], size[1], d.ct, depth, trns, interlace)
							img, err := Decode(p.build())
							if err != nil {
								t.Fatal(err)
							}
							comparePixels(t, checkImage(t, img), p.expect)
						})
					}
				}
			}
		}
	}
}

// TestDecodeGoEncoded decodes what image/png's encoder writes for each
// kind of image, including 1-, 2- and 4-bit palettes it picks by itself.
func TestDecodeGoEncoded(t *testing.T) {
	src := drawSeal(64)
	opaque := image.NewRGBA(src.Rect)
	for i := range src.Pix {
		opaque.Pix[i] = 0xff - src.Pix[i]
	}
	kinds := map[string]image.Image{"NRGBA": src, "RGBA opaque": opaque}
	for name, model := range map[string]color.Model{
		"NRGBA64": color.NRGBA64Model, "RGBA64 opaque": color.RGBA64Model,
		"Gray": color.GrayModel, "Gray16": color.Gray16Model,
		"Paletted2":   color.Palette{color.NRGBA{}, opaqueRed},
		"Paletted4":   color.Palette{color.NRGBA{}, opaqueRed, color.NRGBA{0x80, 0, 0, 0x80}, color.NRGBA{0xff, 0, 0, 0x40}},
		"Paletted256": paletteOf(256),
	} {
		from := image.Image(src)
		if name == "RGBA64 opaque" || name == "Gray" || name == "Gray16" {
			from = opaque
		}
		m := newOf(name, src.Rect, model)
		for y := range src.Rect.Dy() {
			for x := range src.Rect.Dx() {
				m.Set(x, y, from.At(x, y))
			}
		}
		kinds[name] = m
	}
	for name, m := range kinds {
		t.Run(name, func(t *testing.T) {
			img, err := Decode(pngOf(t, m))
			if err != nil {
				t.Fatal(err)
			}
			comparePixels(t, checkImage(t, img), func(x, y int) color.NRGBA {
				return color.NRGBAModel.Convert(m.At(x, y)).(color.NRGBA)
			})
		})
	}
}

// paletteOf is a palette of n colours of varied alpha.
func paletteOf(n int) color.Palette {
	p := make(color.Palette, n)
	for i := range p {
		p[i] = color.NRGBA{uint8(i), uint8(255 - i), uint8(i * 7), uint8(i * 13)}
	}
	return p
}

// newOf returns an empty image of the model's type.
func newOf(name string, r image.Rectangle, model color.Model) interface {
	image.Image
	Set(x, y int, c color.Color)
} {
	if p, ok := model.(color.Palette); ok {
		return image.NewPaletted(r, p)
	}
	switch name {
	case "NRGBA64":
		return image.NewNRGBA64(r)
	case "RGBA64 opaque":
		return image.NewRGBA64(r)
	case "Gray":
		return image.NewGray(r)
	}
	return image.NewGray16(r)
}

// TestDecodeDeterministic: the same input gives the same bytes, and an
// Image's own PNG decodes to the same Image.
func TestDecodeDeterministic(t *testing.T) {
	inputs := map[string][]byte{
		"seal":                realisticSeal(t),
		"16-bit interlaced":   variant(40, 30, ctRGBA, 16, false, true).build(),
		"palette tRNS":        variant(40, 30, ctPalette, 4, true, false).build(),
		"opaque grey":         variant(40, 30, ctGrey, 8, false, true).build(),
		"seal, best compress": pngAt(t, drawSeal(200), png.BestCompression),
		"seal, no compress":   pngAt(t, drawSeal(200), png.NoCompression),
	}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			a, err := Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Decode(bytes.Clone(data))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.PNG, b.PNG) {
				t.Fatal("two decodes of the same input differ")
			}
			checkImage(t, a) // includes Decode(a.PNG) == a
		})
	}
	// An input already in the form Decode writes keeps its compressed
	// pixels; its ancillary chunks go.
	x, _ := Decode(inputs["seal, best compress"])
	if !bytes.Equal(x.PNG, inputs["seal, best compress"]) {
		t.Error("a canonical PNG was re-encoded")
	}
	withText := appendChunk(bytes.Clone(inputs["seal, no compress"][:33]), "tEXt", []byte("Comment\x00hi"))
	withText = append(withText, inputs["seal, no compress"][33:]...)
	if y, err := Decode(withText); err != nil || !bytes.Equal(y.PNG, inputs["seal, no compress"]) {
		t.Errorf("a text chunk is kept (err %v)", err)
	}
}

func pngAt(t testing.TB, m image.Image, level png.CompressionLevel) []byte {
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: level}).Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDecodeTransparency: nothing visible is refused; no transparency at
// all (a seal scanned on white) is accepted.
func TestDecodeTransparency(t *testing.T) {
	clear := image.NewNRGBA(image.Rect(0, 0, 50, 50))
	for i := range clear.Pix {
		if i%4 != 3 {
			clear.Pix[i] = 0xcc // colour under zero alpha is still invisible
		}
	}
	key := variant(20, 20, ctGrey, 8, true, false)
	key.sample = func(x, y, c int) uint16 { return 0x34 } // every pixel matches the tRNS key
	allClearPalette := rawPNG{w: 20, h: 20, colorType: ctPalette, depth: 8,
		plte: []color.RGBA{{0xff, 0, 0, 0xff}}, trns: []byte{0}, sample: func(x, y, c int) uint16 { return 0 }}
	for name, data := range map[string][]byte{
		"NRGBA alpha 0":       pngOf(t, clear),
		"grey tRNS key":       key.build(),
		"palette all alpha 0": allClearPalette.build(),
	} {
		_, err := Decode(data)
		if code := codeOf(err); code != CodeTransparent {
			t.Errorf("%s: got %v (%v), want %s", name, code, err, CodeTransparent)
		}
	}

	one := image.NewNRGBA(image.Rect(0, 0, 50, 50))
	one.SetNRGBA(25, 25, color.NRGBA{0xff, 0, 0, 1}) // one faint pixel is enough
	white := image.NewRGBA(image.Rect(0, 0, 50, 50))
	for i := range white.Pix {
		white.Pix[i] = 0xff
	}
	white.SetRGBA(25, 25, color.RGBA{0xd7, 0, 0x0f, 0xff})
	for name, m := range map[string]image.Image{"one faint pixel": one, "opaque scan on white": white} {
		img, err := Decode(pngOf(t, m))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		checkImage(t, img)
	}
}

// codeOf is the Code of an *Error, "" for nil and "not *Error" otherwise.
func codeOf(err error) Code {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return "not *Error"
}

// opaqueRed is sealRed at full opacity.
var opaqueRed = color.NRGBA{sealRed.R, sealRed.G, sealRed.B, 0xff}

// TestCompressionChoice: DefaultCompression up to defaultMaxPixels,
// BestSpeed above, whatever the input's own compression.
func TestCompressionChoice(t *testing.T) {
	for _, c := range []struct {
		w, h  int
		level png.CompressionLevel
	}{{1024, 1024, png.DefaultCompression}, {1025, 1024, png.BestSpeed}} {
		m := image.NewNRGBA(image.Rect(0, 0, c.w, c.h))
		for i := range m.Pix {
			m.Pix[i] = uint8(i / 4 % 251 * (i % 4))
		}
		deep := image.NewNRGBA64(m.Rect) // 16-bit: not canonical, so re-encoded
		for i, v := range m.Pix {
			deep.Pix[2*i], deep.Pix[2*i+1] = v, v
		}
		img, err := Decode(pngAt(t, deep, png.BestCompression))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := encodeAt(m, c.level)
		other, _ := encodeAt(m, png.BestSpeed+png.DefaultCompression-c.level)
		if !bytes.Equal(img.PNG, want) || bytes.Equal(want, other) {
			t.Errorf("%d×%d: not encoded at level %d", c.w, c.h, c.level)
		}
	}
}
