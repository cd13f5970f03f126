package seal

import (
	"bytes"
	"image"
	"image/png"
	"math/rand/v2"
	"testing"
)

// TestResampleBadInput: what Decode refuses, and a wrong size, are errors.
func TestResampleBadInput(t *testing.T) {
	good := imageOf(t, drawSeal(64))
	wantCode(t, resampleErr(Image{PNG: []byte("GIF89a"), Width: 64, Height: 64}), CodeFormat)
	wantCode(t, resampleErr(Image{PNG: good.PNG, Width: 65, Height: 64}), CodeInternal)
	wantCode(t, resampleErr(Image{PNG: zerosBomb(t, 64, 64), Width: 64, Height: 64}), CodeTransparent)
	wantCode(t, resampleErr(Image{PNG: headerOnly(4000, 4000, 16, ctRGBA, true), Width: 4000, Height: 4000}), CodeDimensions)

	// Damage the streamed image data: a chunk CRC, the zlib checksum, the
	// end of the data, a filter type.
	idat := firstIDAT(good.PNG)
	n := int(uint32(good.PNG[idat])<<24 | uint32(good.PNG[idat+1])<<16 | uint32(good.PNG[idat+2])<<8 | uint32(good.PNG[idat+3]))
	crc := bytes.Clone(good.PNG)
	crc[idat+8+n] ^= 1 // the chunk's CRC itself
	wantCode(t, resampleErr(Image{PNG: crc, Width: 64, Height: 64}), CodeCorrupt)
	deflate := bytes.Clone(good.PNG)
	deflate[idat+8+n/2] ^= 1
	wantCode(t, resampleErr(Image{PNG: repairCRCs(deflate), Width: 64, Height: 64}), CodeCorrupt)
	if bytes.Count(good.PNG, []byte("IDAT")) != 1 {
		t.Fatal("want a single IDAT chunk")
	}
	adler := bytes.Clone(good.PNG)
	adler[idat+8+n-1] ^= 1 // the zlib stream's Adler-32 checksum
	wantCode(t, resampleErr(Image{PNG: repairCRCs(adler), Width: 64, Height: 64}), CodeCorrupt)
	short := append(bytes.Clone(good.PNG[:idat+8+n/2]), good.PNG[idat+8+n:]...)
	short[idat], short[idat+1], short[idat+2], short[idat+3] = byte(n/2>>24), byte(n/2>>16), byte(n/2>>8), byte(n/2)
	wantCode(t, resampleErr(Image{PNG: repairCRCs(short), Width: 64, Height: 64}), CodeCorrupt)

	raw := rawPNG{w: 64, h: 64, colorType: ctRGBA, depth: 8, sample: func(x, y, c int) uint16 { return 0xff }}
	lines := raw.scanlines()
	lines[5*(1+4*64)] = 9 // filter type of row 5
	bad := appendChunk([]byte(pngSignature), "IHDR", ihdr(64, 64, 8, ctRGBA, false))
	bad = appendChunk(appendChunk(bad, "IDAT", zlibBytes(lines)), "IEND", nil)
	wantCode(t, resampleErr(Image{PNG: bad, Width: 64, Height: 64}), CodeCorrupt)
	extra := appendChunk([]byte(pngSignature), "IHDR", ihdr(64, 64, 8, ctRGBA, false))
	extra = appendChunk(appendChunk(extra, "IDAT", zlibBytes(append(raw.scanlines(), 0))), "IEND", nil)
	wantCode(t, resampleErr(Image{PNG: extra, Width: 64, Height: 64}), CodeCorrupt)
}

// resampleErr is the error of resampling img to 20 pixels wide.
func resampleErr(img Image) error {
	_, err := Resample(img, 20)
	return err
}

// TestRowsStreamed: the rows read while inflating equal image/png's, for
// every filter type the encoder chooses, RGB and RGBA, in one IDAT chunk
// or several.
func TestRowsStreamed(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	idats := 0
	for _, c := range []struct {
		m     *image.NRGBA
		level png.CompressionLevel
	}{
		{drawSeal(300), png.DefaultCompression},
		{randomImage(r, 150, 90, false), png.BestSpeed},
		{randomImage(r, 150, 90, true), png.NoCompression},
		{smoothNoise(200), png.BestCompression},
	} {
		data := pngAt(t, c.m, c.level)
		streamed, err := rowsOf(data)
		if err != nil {
			t.Fatal(err)
		}
		whole, err := rowsDecoded(data)
		if err != nil {
			t.Fatal(err)
		}
		if !streamed.streamed {
			t.Fatal("rowsOf decoded a canonical PNG whole")
		}
		idats += bytes.Count(data, []byte("IDAT"))
		if streamed.w != whole.w || streamed.h != whole.h {
			t.Fatalf("streamed %d×%d, decoded %d×%d", streamed.w, streamed.h, whole.w, whole.h)
		}
		for y := range whole.h {
			a, err := streamed.next()
			if err != nil {
				t.Fatalf("row %d: %v", y, err)
			}
			b, _ := whole.next()
			if streamed.bpp == 3 {
				a = rgbToRGBA(a)
			}
			if !bytes.Equal(a, b) {
				t.Fatalf("row %d differs", y)
			}
		}
	}
	if idats < 6 {
		t.Errorf("%d IDAT chunks in 4 files: none has several", idats)
	}
}

// rgbToRGBA converts opaque RGB pixels to RGBA.
func rgbToRGBA(rgb []byte) []byte {
	var out []byte
	for i := 0; i < len(rgb); i += 3 {
		out = append(out, rgb[i], rgb[i+1], rgb[i+2], 0xff)
	}
	return out
}

// FuzzResample checks Resample on arbitrary PNG bytes, passed as they are
// (Resample reads them row by row when they look like Decode's form) and
// after Decode. Invariants: no panic or CodeInternal; what Decode accepts
// resamples to a valid Image, the same both ways.
func FuzzResample(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed, 20)
	}
	f.Add(pngOf(f, randomImage(rand.New(rand.NewPCG(7, 8)), 40, 30, true)), 17)
	f.Fuzz(func(t *testing.T, data []byte, width int) {
		width = 1 + abs(width)%64
		data = repairCRCs(data)
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return
		}
		raw, rawErr := Resample(Image{PNG: data, Width: cfg.Width, Height: cfg.Height}, width)
		if rawErr != nil && codeOf(rawErr) == CodeInternal {
			t.Fatalf("Resample: %v\n%v", rawErr, errorsCause(rawErr))
		}
		img, err := Decode(data)
		if err != nil {
			return
		}
		got, err := Resample(img, width)
		if err != nil {
			t.Fatalf("Resample of a decoded image: %v\n%v", err, errorsCause(err))
		}
		checkImage(t, got)
		if got.Width == img.Width {
			return // not resampled: both are returned as they were
		}
		if rawErr != nil || !bytes.Equal(raw.PNG, got.PNG) {
			t.Fatalf("Resample of the file: %v; differs from Resample of Decode's output", rawErr)
		}
	})
}
