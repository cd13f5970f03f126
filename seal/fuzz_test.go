package seal

import (
	"bytes"
	"image/color"
	"image/png"
	"testing"
)

// FuzzDecode checks Decode on arbitrary bytes, and on the same bytes with
// their chunk CRCs repaired so that mutations reach the decoder and the
// conversion rather than stopping at a checksum. Invariants: no panic
// (a recovered one, CodeInternal, fails too); a refusal is an *Error with
// a known code; a success is an 8-bit non-interlaced PNG of the reported
// size within the limits, which Decode returns again unchanged.
func FuzzDecode(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		check := func(data []byte) {
			img, err := Decode(data)
			if err != nil {
				switch code := codeOf(err); code {
				case CodeEmpty, CodeFormat, CodeSize, CodeDimensions, CodeAspect, CodeCorrupt, CodeTransparent:
				default:
					t.Fatalf("Decode: %s error: %v\n%v", code, err, errorsCause(err))
				}
				return
			}
			checkImage(t, img)
		}
		check(data)
		if fixed := repairCRCs(data); !bytes.Equal(fixed, data) {
			check(fixed)
		}
	})
}

// errorsCause is the cause of an *Error, with a recovered panic's stack.
func errorsCause(err error) error {
	if e, ok := err.(*Error); ok {
		return e.Err
	}
	return nil
}

// fuzzSeeds are small instances of what the tests exercise: each colour
// type and depth, interlaced or not, hostile headers, other formats.
func fuzzSeeds(tb testing.TB) [][]byte {
	seeds := [][]byte{
		pngOf(tb, drawSeal(24)),
		pngAt(tb, drawSeal(32), png.NoCompression),
		variant(17, 16, ctGrey, 1, true, true).build(),
		variant(16, 17, ctGrey, 16, true, false).build(),
		variant(18, 16, ctRGB, 8, true, true).build(),
		variant(16, 16, ctRGB, 16, false, false).build(),
		variant(20, 16, ctPalette, 4, true, true).build(),
		variant(16, 20, ctPalette, 8, true, false).build(),
		variant(16, 16, ctGreyAlpha, 8, false, true).build(),
		variant(16, 16, ctGreyAlpha, 16, false, false).build(),
		variant(16, 18, ctRGBA, 16, false, true).build(),
		headerOnly(100000, 100000, 8, ctRGBA, false),
		headerOnly(1, 2000, 8, ctRGBA, false),
		headerOnly(100, 400, 8, ctRGBA, false),
		headerOnly(4096, 4096, 16, ctRGBA, false),
		zerosBomb(tb, 300, 300),
		[]byte("\x89PNG\r\n"),
		[]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
		[]byte("GIF89a\x10\x00\x10\x00"),
		[]byte("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
		{},
	}
	clear := rawPNG{w: 16, h: 16, colorType: ctPalette, depth: 2,
		plte: []color.RGBA{{0xff, 0, 0, 0xff}}, trns: []byte{0}, sample: func(x, y, c int) uint16 { return 0 }}
	return append(seeds, clear.build())
}
