package seal

import (
	"bytes"
	"compress/zlib"
	"errors"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"
)

// headerOnly is a PNG whose IHDR declares w×h and whose IDAT holds a few
// rows of zeros: enough to get past DecodeConfig, far too little to decode.
func headerOnly(w, h int, depth, ct byte, interlace bool) []byte {
	b := appendChunk([]byte(pngSignature), "IHDR", ihdr(w, h, depth, ct, interlace))
	if ct == ctPalette {
		b = appendChunk(b, "PLTE", []byte{0xff, 0, 0})
	}
	b = appendChunk(b, "IDAT", zlibBytes(make([]byte, 64<<10)))
	return appendChunk(b, "IEND", nil)
}

// wantCode fails unless err is an *Error of the code whose message, in
// Chinese, says what to do, and returns it.
func wantCode(t *testing.T, err error, code Code) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %T %v, want *Error %s", err, err, code)
	}
	if e.Code != code {
		t.Fatalf("got %s (%s; cause %v), want %s", e.Code, e.Message, e.Err, code)
	}
	if e.Error() != e.Message || !strings.Contains(e.Message, "印章") || !strings.Contains(e.Message, "请") {
		t.Fatalf("message %q does not name the seal and say what to do", e.Message)
	}
	return e
}

// TestHostileDimensions: every limit on the header, including its edges.
func TestHostileDimensions(t *testing.T) {
	huge := headerOnly(100000, 100000, 8, ctRGBA, false)
	if len(huge) > 600 {
		t.Fatalf("the 100000×100000 file is %d bytes, want a small one", len(huge))
	}
	for _, c := range []struct {
		name      string
		data      []byte
		code      Code
		inMessage string
	}{
		{"100000×100000", huge, CodeDimensions, "100000×100000"},
		{"1×2000", headerOnly(1, 2000, 8, ctRGBA, false), CodeDimensions, "16 到 4096"},
		{"15×16", headerOnly(15, 16, 8, ctRGBA, false), CodeDimensions, ""},
		{"4097×4096", headerOnly(4097, 4096, 8, ctRGBA, false), CodeDimensions, ""},
		{"100×400", headerOnly(100, 400, 8, ctRGBA, false), CodeAspect, "3:1"},
		{"4096×1365", headerOnly(4096, 1365, 8, ctRGBA, false), CodeAspect, ""},
		{"16×49", headerOnly(16, 49, 8, ctRGBA, false), CodeAspect, ""},
		{"4096² 16-bit", headerOnly(4096, 4096, 16, ctRGBA, false), CodeDimensions, "128 MB"},
		{"4096² interlaced", headerOnly(4096, 4096, 8, ctPalette, true), CodeDimensions, "内存"},
		{"2897² 16-bit", headerOnly(2897, 2897, 16, ctGrey, false), CodeDimensions, "内存"},
		// Within every limit: refused only because the pixels are missing.
		{"4096² 8-bit", headerOnly(4096, 4096, 8, ctRGBA, false), CodeCorrupt, ""},
		{"2896² 16-bit", headerOnly(2896, 2896, 16, ctGrey, false), CodeCorrupt, ""},
		{"4096×1366", headerOnly(4096, 1366, 8, ctRGBA, false), CodeCorrupt, ""},
		{"16×48", headerOnly(16, 48, 8, ctRGBA, false), CodeCorrupt, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode(c.data)
			if e := wantCode(t, err, c.code); !strings.Contains(e.Message, c.inMessage) {
				t.Errorf("message %q lacks %q", e.Message, c.inMessage)
			}
		})
	}
	for _, size := range [][2]int{{16, 48}, {48, 16}, {16, 16}} {
		img, err := Decode(variant(size[0], size[1], ctRGBA, 8, false, false).build())
		if err != nil {
			t.Errorf("%v: %v", size, err)
			continue
		}
		checkImage(t, img)
	}
}

// refusesCheaply fails unless Decode refuses data with code in under
// 50 ms (best of 3) and allocating under 64 KiB a call.
func refusesCheaply(t *testing.T, data []byte, code Code) {
	t.Helper()
	_, err := Decode(data)
	wantCode(t, err, code)
	best := time.Hour
	for range 3 {
		start := time.Now()
		Decode(data)
		best = min(best, time.Since(start))
	}
	if best > 50*time.Millisecond {
		t.Errorf("refusal took %v, want < 50ms", best)
	}
	const runs = 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		Decode(data)
	}
	runtime.ReadMemStats(&after)
	perCall := (after.TotalAlloc - before.TotalAlloc) / runs
	allocs := testing.AllocsPerRun(runs, func() { Decode(data) })
	if perCall > 64<<10 || allocs > 100 {
		t.Errorf("refusal allocates %d bytes in %.0f allocations a call", perCall, allocs)
	}
	t.Logf("refused in %v, %d bytes in %.0f allocations", best, perCall, allocs)
}

// TestHostileBombs: decompression bombs are refused from the header, fast
// and without allocating their pixels.
func TestHostileBombs(t *testing.T) {
	t.Run("100000×100000 header", func(t *testing.T) {
		refusesCheaply(t, headerOnly(100000, 100000, 8, ctRGBA, false), CodeDimensions)
	})
	t.Run("30000×30000 zeros", func(t *testing.T) {
		bomb := zerosBomb(t, 30000, 30000)
		if len(bomb) < 3<<20 || len(bomb) > 4<<20 {
			t.Fatalf("bomb is %d bytes, want about 3.5 MB", len(bomb))
		}
		// It is a real bomb: a valid PNG header, and its pixel data
		// inflates to zeros (checked for the first 16 MiB).
		cfg, err := png.DecodeConfig(bytes.NewReader(bomb))
		if err != nil || cfg.Width != 30000 || cfg.Height != 30000 {
			t.Fatalf("bomb header: %v %v", cfg, err)
		}
		z, err := zlib.NewReader(bytes.NewReader(bomb[8+25+8:]))
		if err != nil {
			t.Fatal(err)
		}
		head, err := io.ReadAll(io.LimitReader(z, 16<<20))
		if err != nil || len(head) != 16<<20 || bytes.ContainsFunc(head, func(r rune) bool { return r != 0 }) {
			t.Fatalf("bomb does not inflate to zeros: %d bytes, %v", len(head), err)
		}
		refusesCheaply(t, bomb, CodeDimensions)
	})
	t.Run("4096² zeros within limits", func(t *testing.T) {
		// The worst a file within the limits can do: a full decode of
		// 64 MiB of pixels. Fully transparent, so refused at the end.
		if testing.Short() {
			t.Skip("decodes 64 MiB")
		}
		bomb := zerosBomb(t, 4096, 4096)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		_, err := Decode(bomb)
		elapsed := time.Since(start)
		runtime.ReadMemStats(&after)
		wantCode(t, err, CodeTransparent)
		t.Logf("%d-byte file: %v, %d MiB allocated", len(bomb), elapsed, (after.TotalAlloc-before.TotalAlloc)>>20)
		if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 3*MaxPixelBytes {
			t.Errorf("allocated %d MiB, want at most 3×MaxPixelBytes", allocated>>20)
		}
	})
}

// TestHostileCorrupt: truncated, checksum-damaged and mangled PNGs.
func TestHostileCorrupt(t *testing.T) {
	valid := realisticSeal(t)
	t.Run("truncated", func(t *testing.T) {
		_, err := Decode(valid[:0])
		wantCode(t, err, CodeEmpty)
		for n := 1; n < len(valid); n += 37 {
			_, err := Decode(valid[:n])
			if codeOf(err) != CodeCorrupt {
				t.Fatalf("truncated at %d of %d bytes: %v (%v)", n, len(valid), codeOf(err), err)
			}
		}
		for n := len(valid) - 12; n < len(valid); n++ { // within IEND
			_, err := Decode(valid[:n])
			wantCode(t, err, CodeCorrupt)
		}
	})
	idat := bytes.Index(valid, []byte("IDAT"))
	flip := func(i int) []byte { b := bytes.Clone(valid); b[i] ^= 0x40; return b }
	for name, data := range map[string][]byte{
		"IHDR CRC":              flip(8 + 8 + 13),
		"IHDR data":             flip(8 + 8 + 9),
		"IDAT data, CRC":        flip(idat + 200),
		"IDAT data, CRC fixed":  repairCRCs(flip(idat + 200)),
		"zlib header":           repairCRCs(flip(idat + 4)),
		"zlib Adler-32":         repairCRCs(flip(len(valid) - 12 - 4 - 1)),
		"chunk length":          flip(idat - 2),
		"signature CRLF→LF":     append([]byte("\x89PNG\n\x1a\n"), valid[8:]...),
		"signature LF→CRLF":     append([]byte("\x89PNG\r\r\n\x1a\r\n"), valid[8:]...),
		"signature cut":         valid[:5],
		"no IDAT":               append(bytes.Clone(valid[:idat-4]), valid[len(valid)-12:]...),
		"IEND only after IHDR":  appendChunk(appendChunk([]byte(pngSignature), "IHDR", ihdr(20, 20, 8, ctRGBA, false)), "IEND", nil),
		"palette without PLTE":  appendChunk(appendChunk(appendChunk([]byte(pngSignature), "IHDR", ihdr(20, 20, 8, ctPalette, false)), "IDAT", zlibBytes(make([]byte, 21*20))), "IEND", nil),
		"bit depth 3":           headerOnly(20, 20, 3, ctGrey, false),
		"interlace method 2":    repairCRCs(append(bytes.Clone(valid[:28]), append([]byte{2}, valid[29:]...)...)),
		"too much pixel data":   appendChunk(appendChunk(appendChunk([]byte(pngSignature), "IHDR", ihdr(20, 20, 8, ctGrey, false)), "IDAT", zlibBytes(make([]byte, 21*21))), "IEND", nil),
		"zero width":            headerOnly(0, 20, 8, ctRGBA, false),
		"negative width (2³¹)":  headerOnly(1<<31, 20, 8, ctRGBA, false),
		"2³¹-1 × 2³¹-1 palette": headerOnly(1<<31-1, 1<<31-1, 8, ctPalette, false),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Decode(data)
			code := CodeCorrupt
			if strings.HasPrefix(name, "2³¹-1") {
				code = CodeDimensions
			}
			wantCode(t, err, code)
		})
	}
}

// TestHostileNotPNG: other formats are named; junk is refused.
func TestHostileNotPNG(t *testing.T) {
	seal := drawSeal(64)
	var jpg, gf bytes.Buffer
	jpeg.Encode(&jpg, seal, nil)
	gif.Encode(&gf, seal, nil)
	junk := make([]byte, 9<<20)
	r := rand.NewChaCha8([32]byte{1})
	r.Read(junk)
	junk[0] = 0x01 // not a magic of any kind
	pngJunk := append([]byte(pngSignature), junk...)
	for _, c := range []struct {
		name, data string
		code       Code
		kind       string
	}{
		{"JPEG", jpg.String(), CodeFormat, "JPEG 图片"},
		{"GIF", gf.String(), CodeFormat, "GIF 图片"},
		{"BMP", "BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00", CodeFormat, "BMP"},
		{"WebP", "RIFF\x24\x00\x00\x00WEBPVP8 ", CodeFormat, "WebP"},
		{"PDF", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", CodeFormat, "PDF"},
		{"SVG", "\xef\xbb\xbf  <?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">", CodeFormat, "SVG"},
		{"bare SVG", "<svg viewBox=\"0 0 10 10\"/>", CodeFormat, "SVG"},
		{"XML", "<?xml version=\"1.0\"?><seal/>", CodeFormat, "XML"},
		{"HTML", "<!DOCTYPE html><html><body>404</body></html>", CodeFormat, "HTML"},
		{"TIFF LE", "II*\x00\x08\x00\x00\x00", CodeFormat, "TIFF"},
		{"TIFF BE", "MM\x00*\x00\x00\x00\x08", CodeFormat, "TIFF"},
		{"HEIC", "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", CodeFormat, "HEIC"},
		{"AVIF", "\x00\x00\x00\x1cftypavif\x00\x00\x00\x00", CodeFormat, "AVIF"},
		{"DOCX", "PK\x03\x04\x14\x00\x06\x00", CodeFormat, "Word"},
		{"Base64 PNG", "iVBORw0KGgoAAAANSUhEUgAA", CodeFormat, "Base64"},
		{"text", "印章.png", CodeFormat, "文本"},
		{"BMW is not BMP", "BMW 3 Series", CodeFormat, "文本"},
		{"9 MiB junk", string(junk), CodeFormat, "无法识别"},
		{"9 MiB PNG-like junk", string(pngJunk), CodeSize, "上限 8 MB"},
		{"empty", "", CodeEmpty, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode([]byte(c.data))
			if e := wantCode(t, err, c.code); !strings.Contains(e.Message, c.kind) {
				t.Errorf("message %q lacks %q", e.Message, c.kind)
			}
		})
	}
	if _, err := Decode(nil); codeOf(err) != CodeEmpty {
		t.Errorf("nil: %v", err)
	}
}

// TestTolerated: trailing bytes after IEND and APNG chunks are ignored.
func TestTolerated(t *testing.T) {
	valid := realisticSeal(t)
	want, err := Decode(valid)
	if err != nil {
		t.Fatal(err)
	}
	trailing := append(bytes.Clone(valid), "trailing garbage\x00\xff"...)

	// An APNG: acTL and fcTL before the default image, a second frame
	// (fcTL, fdAT) after it.
	idat := bytes.Index(valid, []byte("IDAT")) - 4
	apng := append([]byte(nil), valid[:idat]...)
	apng = appendChunk(apng, "acTL", []byte{0, 0, 0, 2, 0, 0, 0, 0})
	fctl := make([]byte, 26)
	copy(fctl[4:], valid[16:24])
	apng = appendChunk(apng, "fcTL", fctl)
	iend := len(valid) - 12
	apng = append(apng, valid[idat:iend]...)
	fctl[3] = 1
	apng = appendChunk(apng, "fcTL", fctl)
	apng = appendChunk(apng, "fdAT", append([]byte{0, 0, 0, 2}, zlibBytes(make([]byte, 601*600*4))...))
	apng = append(apng, valid[iend:]...)

	for name, data := range map[string][]byte{"trailing bytes": trailing, "APNG": apng} {
		got, err := Decode(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		} else if !bytes.Equal(got.PNG, want.PNG) {
			t.Errorf("%s: output differs from the plain PNG's", name)
		}
	}
}

// TestPanicRecovered: a panic becomes an *Error with CodeInternal.
func TestPanicRecovered(t *testing.T) {
	img, err := safely(func() (Image, error) {
		var m map[string]int
		m["x"]++ // panics
		return Image{PNG: []byte{1}}, nil
	})
	e := wantCode(t, err, CodeInternal)
	if img.PNG != nil || e.Err == nil || !strings.Contains(e.Err.Error(), "panic") {
		t.Errorf("got %v, cause %v", img, e.Err)
	}
	if !errors.Is(err, e.Err) {
		t.Error("Unwrap does not return the cause")
	}
}
