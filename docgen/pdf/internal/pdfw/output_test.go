package pdfw

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// tinyDoc writes a three-page document in the tiny font (subset) with the
// seal and the photo.
func tinyDoc(tb testing.TB, opts Options) []byte {
	var buf bytes.Buffer
	w, err := New(&buf, opts)
	check(tb, err)
	sub := readTTF(tb, mustRead(tb, tinyPath), false)
	f, err := w.AddFont(sub)
	check(tb, err)
	runs := []run{{f, sub, 12, 0, "ABC012"}, {f, sub, 14, 0.5, "中文字表，"}, {f, sub, 10, 0, "中\U00020000"}}
	s := sample{seal: sealPNG(tb, 64), photo: opaquePNG(tb, 20, 10), pages: [][]run{runs, runs[1:], runs[:1]}}
	s.write(tb, w)
	check(tb, w.Close())
	return buf.Bytes()
}

func TestDeterministic(t *testing.T) {
	a, b := tinyDoc(t, testOptions()), tinyDoc(t, testOptions())
	if !bytes.Equal(a, b) {
		t.Fatal("same calls wrote different bytes")
	}
	opts := testOptions()
	opts.Title = "another title"
	c := tinyDoc(t, opts)
	id := regexp.MustCompile(`/ID \[<([0-9A-F]{32})> <([0-9A-F]{32})>\]`)
	ma, mc := id.FindSubmatch(a), id.FindSubmatch(c)
	if ma == nil || mc == nil || !bytes.Equal(ma[1], ma[2]) || bytes.Equal(ma[1], mc[1]) {
		t.Errorf("/ID should be two equal hashes that change with the content: %q %q", ma, mc)
	}
}

// TestStructure reads a document back through its xref and checks the
// catalog, the info, the page tree and the page resources.
func TestStructure(t *testing.T) {
	pdf := parsePDF(t, tinyDoc(t, testOptions()))
	root := regexp.MustCompile(`/Root (\d+) 0 R /Info (\d+) 0 R`).FindStringSubmatch(pdf.trailer)
	if root == nil {
		t.Fatalf("trailer: %s", pdf.trailer)
	}
	cat, info := pdf.dict(atoi(root[1])), pdf.dict(atoi(root[2]))
	if cat != "<< /Type /Catalog /Pages 1 0 R /ViewerPreferences << /PrintScaling /None /Duplex /DuplexFlipLongEdge >> >>" {
		t.Errorf("catalog: %s", cat)
	}
	if info != "<< /Title <FEFF7763529E53550020002800740065007300740029> /Subject (pdfw) /Creator (zsdoc) /Producer (zsdoc pdfw) /CreationDate (D:20250304050607+08'00') >>" {
		t.Errorf("info: %s", info)
	}
	tree := pdf.dict(1)
	kids := regexp.MustCompile(`(\d+) 0 R`).FindAllStringSubmatch(tree, -1)
	if !strings.HasPrefix(tree, "<< /Type /Pages /Count 3 /Kids [") || len(kids) != 3 {
		t.Fatalf("page tree: %s", tree)
	}
	gs := pdf.find("/Type /ExtGState")
	if len(gs) != 1 || pdf.dict(gs[0]) != "<< /Type /ExtGState /BM /Multiply >>" {
		t.Errorf("ExtGState objects %v", gs)
	}
	for i, k := range kids {
		page := pdf.dict(atoi(k[1]))
		if !strings.Contains(page, "/Type /Page /Parent 1 0 R") || !strings.Contains(page, "/ExtGState << /GS1 ") ||
			!strings.Contains(page, "/Font << /F1 ") || strings.Contains(page, "/Im2") != (i == 0) {
			t.Errorf("page %d: %s", i+1, page)
		}
		content := string(pdf.stream(t, atoi(regexp.MustCompile(`/Contents (\d+) 0 R`).FindStringSubmatch(page)[1])))
		if i == 0 {
			for _, want := range []string{"0.5 w\n20 811.89 m 575.28 811.89 l\n", "S\n1 w\n", "BT /F1 12 Tf 40 761.89 Td <000100020003000400050006> Tj ET\n",
				"BT /F1 14 Tf 0.5 Tc 40 740.29 Td <00070008000900", "BT /F1 10 Tf 0 Tc ", "q /GS1 gs 90 0 0 90 60 691.89 cm /Im1 Do Q\n",
				"q 100 0 0 75 455.28 45 cm /Im2 Do Q\n"} {
				if !strings.Contains(content, want) {
					t.Errorf("page 1 content lacks %q:\n%s", want, content)
				}
			}
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = 10*n + int(c-'0')
	}
	return n
}

// TestImages checks how each kind of PNG is written, and that an image is
// written once.
func TestImages(t *testing.T) {
	gray := image.NewGray(image.Rect(0, 0, 3, 2))
	gray.Pix = []byte{0, 50, 100, 150, 200, 250}
	pal := image.NewPaletted(image.Rect(0, 0, 2, 1), color.Palette{color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 0, 255, 0}})
	pal.Pix = []byte{0, 1}
	opaqueRGBA := bytes.Repeat([]byte{255}, 16) // colour type 6, every alpha 255
	opaqueRGBA[0] = 7
	for name, c := range map[string]struct {
		png         []byte
		smask, pass bool
		rgb         []byte // decoded samples, when checked
	}{
		"seal (RGBA with alpha)": {png: sealPNG(t, 8), smask: true},
		"opaque RGB":             {png: opaquePNG(t, 4, 3), pass: true},
		"opaque RGBA":            {png: rawPNG(2, 2, 6, opaqueRGBA), rgb: append([]byte{7}, bytes.Repeat([]byte{255}, 11)...)},
		"gray":                   {png: encodePNG(t, gray), rgb: []byte{0, 0, 0, 50, 50, 50, 100, 100, 100, 150, 150, 150, 200, 200, 200, 250, 250, 250}},
		"paletted with alpha":    {png: encodePNG(t, pal), smask: true, rgb: []byte{255, 0, 0, 0, 0, 255}},
	} {
		var buf bytes.Buffer
		w, _ := New(&buf, Options{})
		img, err := w.AddPNG(c.png)
		check(t, err)
		again, err := w.AddPNG(bytes.Clone(c.png))
		check(t, err)
		if again != img {
			t.Errorf("%s: the same PNG added twice gave two images", name)
		}
		p, _ := w.BeginPage(100, 100)
		check(t, p.Image(img, 0, 0, 10, 10, false))
		check(t, w.EndPage(p))
		check(t, w.Close())
		pdf := parsePDF(t, buf.Bytes())
		images := pdf.find("/Subtype /Image")
		dict := pdf.dict(images[0])
		if want := 1 + btoi(c.smask); len(images) != want {
			t.Errorf("%s: %d image objects, want %d", name, len(images), want)
		}
		if strings.Contains(dict, "/SMask") != c.smask || strings.Contains(dict, "/Predictor 15") != c.pass {
			t.Errorf("%s: %s", name, dict)
		}
		if c.rgb != nil {
			if got := pdf.stream(t, images[0]); !bytes.Equal(got, c.rgb) {
				t.Errorf("%s: samples %v, want %v", name, got, c.rgb)
			}
		}
		if c.smask {
			mask := pdf.dict(images[1])
			if !strings.Contains(mask, "/ColorSpace /DeviceGray") {
				t.Errorf("%s: soft mask %s", name, mask)
			}
		}
	}
}

// rawPNG writes an 8-bit PNG of the given colour type from raw samples
// (Go's encoder writes an opaque RGBA image as RGB, so tests that need a
// colour type 6 file with no transparency make their own).
func rawPNG(width, height int, colorType byte, pix []byte) []byte {
	chunk := func(out []byte, typ string, data []byte) []byte {
		out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
		start := len(out)
		out = append(append(out, typ...), data...)
		return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(width))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(height))
	ihdr = append(ihdr, 8, colorType, 0, 0, 0)
	var raw, z bytes.Buffer
	row := len(pix) / height
	for y := 0; y < height; y++ {
		raw.WriteByte(0)
		raw.Write(pix[y*row : (y+1)*row])
	}
	zw := zlib.NewWriter(&z)
	zw.Write(raw.Bytes())
	zw.Close()
	out := []byte("\x89PNG\r\n\x1a\n")
	out = chunk(out, "IHDR", ihdr)
	out = chunk(out, "IDAT", z.Bytes())
	return chunk(out, "IEND", nil)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestSubsetRendersSame renders a page drawn with the renumbered subset
// and with the whole font (original glyph ids): the pixels must be equal,
// and not blank.
func TestSubsetRendersSame(t *testing.T) {
	mutool := tool(t, "mutool")
	_ = mutool
	dir := t.TempDir()
	var pixels [2][]byte
	for i, keep := range []bool{false, true} {
		var buf bytes.Buffer
		w, _ := New(&buf, Options{})
		ttf := readTTF(t, mustRead(t, tinyPath), keep)
		f, _ := w.AddFont(ttf)
		p, _ := w.BeginPage(200, 100)
		check(t, p.Text(f, 24, 10, 40, 0, ttf.glyphs(t, "表A中B\U00020000")))
		check(t, p.Text(f, 18, 10, 80, 1, ttf.glyphs(t, "C012文字，")))
		check(t, w.EndPage(p))
		check(t, w.Close())
		in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pgm")
		check(t, os.WriteFile(in, buf.Bytes(), 0o644))
		if _, errOut, err := runTool(t, "mutool", "draw", "-q", "-N", "-r", "144", "-c", "gray", "-o", out, in); err != nil || errOut != "" {
			t.Fatalf("mutool draw: %v %s", err, errOut)
		}
		pixels[i] = mustRead(t, out)
	}
	if !bytes.Equal(pixels[0], pixels[1]) {
		t.Error("the renumbered subset renders differently from the whole font")
	}
	dark := 0
	for _, v := range pixels[0][len(pixels[0])-400*200:] {
		if v < 128 {
			dark++
		}
	}
	if dark < 500 {
		t.Errorf("only %d dark pixels: is the text drawn?", dark)
	}
}

// TestMemoryFlat writes 1,000 pages to io.Discard: the heap in use after
// 1,000 pages must stay close to that after 100 (only the xref offsets and
// page numbers grow, 20 bytes a page).
func TestMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	b := newBenchDoc(t, io.Discard)
	for i := 0; i < 100; i++ {
		b.page(t)
	}
	at100 := heapInuse()
	for i := 100; i < 1000; i++ {
		b.page(t)
	}
	at1000 := heapInuse()
	growth := int64(at1000) - int64(at100)
	t.Logf("heap in use: %d KiB after 100 pages, %d KiB after 1000 (growth %d bytes, %.1f per page)",
		at100>>10, at1000>>10, growth, float64(growth)/900)
	if growth > 128<<10 {
		t.Errorf("heap grew by %d bytes over 900 pages", growth)
	}
	check(t, b.w.Close())
}
