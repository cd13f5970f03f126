package pdfw

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// tinyPath is package fonts' tiny test font: glyph 0, "ABC012中文字表，" as
// glyphs 1..13, the composites Ä (14) and Å (15, nesting Ä), and U+20000
// mapped to the glyph of 中.
var tinyPath = filepath.Join("..", "..", "..", "..", "fonts", "testdata", "tiny.ttf")

// notoPath returns one of package fonts' embedded CJK fonts (plain or
// gzipped, whichever the tree has), for a real-size test.
func notoPath(tb testing.TB) string {
	tb.Helper()
	for _, name := range []string{"NotoSansSC-Regular.subset.ttf",
		"NotoSerifSC-Regular.subset.ttf"} {
		path := filepath.Join("..", "..", "..", "..", "fonts", name)
		if _, err := os.Stat(path); err == nil {
			return path
		}
	}
	tb.Fatal("no embedded Noto font found in fonts/")
	return ""
}

// sealPNG returns an RGBA PNG: a red ring on transparent ground, with soft
// edges (alpha between 0 and 255).
func sealPNG(tb testing.TB, size int) []byte {
	m := image.NewNRGBA(image.Rect(0, 0, size, size))
	c := float64(size) / 2
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			dx, dy := float64(x)-c+0.5, float64(y)-c+0.5
			d := dx*dx + dy*dy
			var a uint8
			switch r2 := c * c; {
			case d < r2*0.64 || d > r2:
			case d < r2*0.68 || d > r2*0.95:
				a = 128
			default:
				a = 255
			}
			m.SetNRGBA(x, y, color.NRGBA{220, 30, 30, a})
		}
	}
	return encodePNG(tb, m)
}

// opaquePNG returns an opaque RGB PNG (Go writes colour type 2 for it).
func opaquePNG(tb testing.TB, w, h int) []byte {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 160, 255})
		}
	}
	return encodePNG(tb, m)
}

func encodePNG(tb testing.TB, m image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// run is a drawing call of a sample document's text, and the text it
// should extract to.
type run struct {
	font          *FontRef
	ttf           *testTTF
	size, spacing float64
	text          string
}

// sample describes a test document: per page, the lines of text drawn one
// below another.
type sample struct {
	pages [][]run
	seal  []byte
	photo []byte
}

// write draws the sample document with w: on each page its runs, a grid of
// lines of three widths, the seal (multiply) and the photo; it returns the
// text each page should extract to.
func (s *sample) write(tb testing.TB, w *Writer) [][]string {
	tb.Helper()
	var seal, photo *ImageRef
	var err error
	if s.seal != nil {
		if seal, err = w.AddPNG(s.seal); err != nil {
			tb.Fatal(err)
		}
	}
	if s.photo != nil {
		if photo, err = w.AddPNG(s.photo); err != nil {
			tb.Fatal(err)
		}
	}
	var texts [][]string
	for i, runs := range s.pages {
		width, height := 595.28, 841.89
		if i%2 == 1 {
			width, height = 419.53, 297.64 // A5 landscape
		}
		p, err := w.BeginPage(width, height)
		if err != nil {
			tb.Fatal(err)
		}
		for k, lw := range []float64{0.5, 1, 2} {
			y := 30 + 10*float64(k)
			check(tb, p.Line(20, y, width-20, y, lw))
			check(tb, p.Line(20+float64(k)*5, 20, 20+float64(k)*5, height-20, lw))
		}
		var lines []string
		y := 80.0
		for _, r := range runs {
			check(tb, p.Text(r.font, r.size, 40, y, r.spacing, r.ttf.glyphs(tb, r.text)))
			lines = append(lines, r.text)
			y += r.size * 1.8
		}
		if seal != nil {
			check(tb, p.Image(seal, 60, 60, 90, 90, true))
		}
		if photo != nil && i == 0 {
			check(tb, p.Image(photo, width-140, height-120, 100, 75, false))
		}
		if err := w.EndPage(p); err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, lines)
	}
	return texts
}

func check(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// testOptions are document options with a non-ASCII title and a date.
func testOptions() Options {
	return Options{Title: "督办单 (test)", Subject: "pdfw", Creator: "zsdoc", Producer: "zsdoc pdfw",
		Created: time.Date(2025, 3, 4, 5, 6, 7, 0, time.FixedZone("CST", 8*3600)), PrintScalingNone: true, Duplex: "DuplexFlipLongEdge"}
}

// tool returns the path of a command-line tool, skipping the test when it
// is missing (failing it when ZSDOC_REQUIRE_TOOLS=1).
func tool(tb testing.TB, name string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("ZSDOC_REQUIRE_TOOLS") == "1" {
			tb.Fatalf("%s is required (apt-get install -y qpdf mupdf-tools poppler-utils): %v", name, err)
		}
		tb.Skipf("%s not installed (apt-get install -y qpdf mupdf-tools poppler-utils)", name)
	}
	return path
}

// runTool runs a tool and returns its standard output and error.
func runTool(tb testing.TB, name string, args ...string) (stdout, stderr string, err error) {
	tb.Helper()
	cmd := exec.Command(tool(tb, name), args...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.String(), e.String(), err
}

// heapInuse returns the heap in use after collecting garbage.
func heapInuse() uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// fields splits a line of tool output into fields.
func fields(s string) []string { return strings.Fields(s) }
