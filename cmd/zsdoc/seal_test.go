package main

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sealPNG draws a red ring on transparency in the given image type.
func sealPNG(t *testing.T, m interface {
	image.Image
	Set(x, y int, c color.Color)
}) []byte {
	t.Helper()
	b := m.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			dx, dy := x-b.Dx()/2, y-b.Dy()/2
			if d := dx*dx + dy*dy; d < b.Dx()*b.Dx()/4 && d > b.Dx()*b.Dx()/5 {
				m.Set(x, y, color.NRGBA{R: 220, G: 20, B: 30, A: 255})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngHeader is a PNG signature and IHDR declaring w×h RGBA, and no pixels.
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6
	chunk := append([]byte("IHDR"), ihdr...)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = binary.BigEndian.AppendUint32(out, 13)
	out = append(out, chunk...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
}

// Every seal file is checked the same way for PDF and DOCX: what converts
// faithfully stamps the form, anything else is exit 2 with a Chinese
// message and no output — never a crash, a broken image or no stamp.
func TestSealFiles(t *testing.T) {
	dir := t.TempDir()
	good := sealPNG(t, image.NewNRGBA(image.Rect(0, 0, 200, 200)))
	bad := map[string][]byte{
		"empty":      {},
		"truncated":  good[:len(good)/2],
		"jpeg":       append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), make([]byte, 100)...),
		"huge":       pngHeader(100000, 100000),
		"bomb":       pngHeader(30000, 30000),
		"needle":     sealPNG(t, image.NewNRGBA(image.Rect(0, 0, 20, 2000))),
		"invisible":  sealPNG(t, image.NewNRGBA(image.Rect(0, 0, 4, 4))),
		"not-a-file": nil,
	}
	ok := map[string][]byte{
		"rgba8":   good,
		"rgba16":  sealPNG(t, image.NewNRGBA64(image.Rect(0, 0, 200, 200))),
		"grey":    sealPNG(t, image.NewGray(image.Rect(0, 0, 120, 120))),
		"palette": sealPNG(t, image.NewPaletted(image.Rect(0, 0, 150, 150), color.Palette{color.Transparent, color.NRGBA{R: 220, A: 255}})),
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name+".png")
		if data != nil {
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return p
	}
	for _, format := range []string{"pdf", "docx"} {
		for name, data := range bad {
			out := filepath.Join(dir, "out."+format)
			r := zsdoc(t, nil, "render", "--form", "supervision", "--format", format, "--in", "../../examples/supervision.json",
				"--seal", write(name, data), "--out", out)
			if r.code != 2 || !strings.Contains(r.stderr, "印章") {
				t.Errorf("%s seal, %s: exit %d, %q", name, format, r.code, r.stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s seal, %s: output written", name, format)
			}
		}
		for name, data := range ok {
			r := zsdoc(t, nil, "render", "--form", "supervision", "--format", format, "--in", "../../examples/supervision.json",
				"--seal", write(name, data), "--out", "-")
			if r.code != 0 {
				t.Errorf("%s seal, %s: exit %d, %q", name, format, r.code, r.stderr)
			}
			stamped := strings.Contains(r.stdout, "/Subtype /Image") || strings.Contains(r.stdout, "word/media/")
			if !stamped {
				t.Errorf("%s seal, %s: the output holds no seal image", name, format)
			}
		}
	}
}
