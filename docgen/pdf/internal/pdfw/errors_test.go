package pdfw

import (
	"bytes"
	"errors"
	"io"
	"math"
	"strings"
	"testing"
)

// failWriter fails every write after the first n bytes.
type failWriter struct{ n int }

var errDisk = errors.New("disk full")

func (f *failWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		k := f.n
		f.n = 0
		return k, errDisk
	}
	f.n -= len(p)
	return len(p), nil
}

// shortWriter writes half of every buffer without an error.
type shortWriter struct{}

func (shortWriter) Write(p []byte) (int, error) { return len(p) / 2, nil }

func TestBadOptions(t *testing.T) {
	for _, o := range []Options{{Duplex: "Twice"}, {CompressLevel: 10}, {CompressLevel: -2}} {
		if _, err := New(io.Discard, o); err == nil {
			t.Errorf("New(%+v) succeeded", o)
		}
	}
	if _, err := New(nil, Options{}); err == nil {
		t.Error("New(nil) succeeded")
	}
	for _, level := range []int{-1, 0, 1, 9} {
		if _, err := New(io.Discard, Options{CompressLevel: level}); err != nil {
			t.Errorf("level %d: %v", level, err)
		}
	}
}

// TestBadInput checks that each bad call returns an error, that the error
// sticks, and that nothing panics.
func TestBadInput(t *testing.T) {
	tiny := readTTF(t, mustRead(t, tinyPath), false)
	png := sealPNG(t, 16)
	nan, inf := math.NaN(), math.Inf(1)
	other, _ := New(io.Discard, Options{})
	otherFont, _ := other.AddFont(tiny)
	otherImg, _ := other.AddPNG(png)
	good := tiny.glyphs(t, "AB")
	cases := map[string]func(w *Writer, p *Page, f *FontRef, img *ImageRef) error{
		"NaN x":        func(w *Writer, p *Page, f *FontRef, img *ImageRef) error { return p.Text(f, 12, nan, 10, 0, good) },
		"Inf baseline": func(w *Writer, p *Page, f *FontRef, img *ImageRef) error { return p.Text(f, 12, 0, inf, 0, good) },
		"NaN spacing":  func(w *Writer, p *Page, f *FontRef, img *ImageRef) error { return p.Text(f, 12, 0, 10, nan, good) },
		"zero size":    func(w *Writer, p *Page, f *FontRef, img *ImageRef) error { return p.Text(f, 0, 0, 10, 0, good) },
		"huge x":       func(w *Writer, p *Page, f *FontRef, img *ImageRef) error { return p.Text(f, 12, 1e300, 10, 0, good) },
		"nil font":     func(w *Writer, p *Page, f *FontRef, img *ImageRef) error { return p.Text(nil, 12, 0, 10, 0, good) },
		"other's font": func(w *Writer, p *Page, f *FontRef, img *ImageRef) error {
			return p.Text(otherFont, 12, 0, 10, 0, good)
		},
		"bad rune": func(w *Writer, p *Page, f *FontRef, img *ImageRef) error {
			return p.Text(f, 12, 0, 10, 0, []Glyph{{1, 0xd800, 500}})
		},
		"negative rune": func(w *Writer, p *Page, f *FontRef, img *ImageRef) error {
			return p.Text(f, 12, 0, 10, 0, []Glyph{{1, -1, 500}})
		},
		"bad advance": func(w *Writer, p *Page, f *FontRef, img *ImageRef) error {
			return p.Text(f, 12, 0, 10, 0, []Glyph{{1, 'A', -5}})
		},
		"advance changes": func(w *Writer, p *Page, f *FontRef, img *ImageRef) error {
			return p.Text(f, 12, 0, 10, 0, []Glyph{{1, 'A', 500}, {1, 'A', 501}})
		},
		"NaN line":       func(w *Writer, p *Page, f *FontRef, img *ImageRef) error { return p.Line(0, nan, 1, 1, 1) },
		"negative width": func(w *Writer, p *Page, f *FontRef, img *ImageRef) error { return p.Line(0, 0, 1, 1, -1) },
		"NaN image":      func(w *Writer, p *Page, f *FontRef, img *ImageRef) error { return p.Image(img, 0, 0, nan, 1, false) },
		"empty image":    func(w *Writer, p *Page, f *FontRef, img *ImageRef) error { return p.Image(img, 0, 0, 0, 1, false) },
		"nil image":      func(w *Writer, p *Page, f *FontRef, img *ImageRef) error { return p.Image(nil, 0, 0, 1, 1, false) },
		"other's image":  func(w *Writer, p *Page, f *FontRef, img *ImageRef) error { return p.Image(otherImg, 0, 0, 1, 1, false) },
		"nil page":       func(w *Writer, p *Page, f *FontRef, img *ImageRef) error { return (*Page)(nil).Line(0, 0, 1, 1, 1) },
		"bad PNG": func(w *Writer, p *Page, f *FontRef, img *ImageRef) error {
			_, err := w.AddPNG([]byte("not a png"))
			return err
		},
		"nil Font":           func(w *Writer, p *Page, f *FontRef, img *ImageRef) error { _, err := w.AddFont(nil); return err },
		"second BeginPage":   func(w *Writer, p *Page, f *FontRef, img *ImageRef) error { _, err := w.BeginPage(10, 10); return err },
		"Close on open page": func(w *Writer, p *Page, f *FontRef, img *ImageRef) error { return w.Close() },
		"EndPage other's":    func(w *Writer, p *Page, f *FontRef, img *ImageRef) error { return other.EndPage(p) },
		"page after EndPage": func(w *Writer, p *Page, f *FontRef, img *ImageRef) error {
			check(t, w.EndPage(p))
			return p.Line(0, 0, 1, 1, 1)
		},
		"EndPage twice": func(w *Writer, p *Page, f *FontRef, img *ImageRef) error {
			check(t, w.EndPage(p))
			return w.EndPage(p)
		},
		"old page on new page": func(w *Writer, p *Page, f *FontRef, img *ImageRef) error {
			check(t, w.EndPage(p))
			if _, err := w.BeginPage(10, 10); err != nil {
				return nil
			}
			return p.Text(f, 12, 0, 10, 0, good)
		},
	}
	for name, bad := range cases {
		w, err := New(io.Discard, Options{})
		check(t, err)
		f, _ := w.AddFont(tiny)
		img, _ := w.AddPNG(png)
		p, _ := w.BeginPage(100, 100)
		check(t, p.Text(f, 12, 0, 10, 0, good))
		err = bad(w, p, f, img)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if name == "EndPage other's" || name == "nil page" {
			continue // the error is the other writer's, or no writer's
		}
		if err2 := w.Close(); err2 == nil || err2.Error() != err.Error() {
			t.Errorf("%s: error %q does not stick (Close: %v)", name, err, err2)
		}
	}
}

func TestBadPageSizes(t *testing.T) {
	for _, s := range [][2]float64{{0, 10}, {10, -1}, {math.NaN(), 10}, {10, math.Inf(1)}, {14401, 10}, {0.0001, 10}} {
		w, _ := New(io.Discard, Options{})
		if _, err := w.BeginPage(s[0], s[1]); err == nil {
			t.Errorf("BeginPage(%v, %v) succeeded", s[0], s[1])
		}
	}
}

func TestClosed(t *testing.T) {
	w, _ := New(io.Discard, Options{})
	if err := w.Close(); err == nil || !strings.Contains(err.Error(), "at least one page") {
		t.Errorf("Close without pages: %v", err)
	}
	w, _ = New(io.Discard, Options{})
	p, _ := w.BeginPage(10, 10)
	check(t, w.EndPage(p))
	check(t, w.Close())
	if err := w.Close(); !errors.Is(err, ErrClosed) {
		t.Errorf("second Close: %v", err)
	}
	if _, err := w.BeginPage(10, 10); !errors.Is(err, ErrClosed) {
		t.Errorf("BeginPage after Close: %v", err)
	}
	if _, err := w.AddFont(&fakeFont{}); !errors.Is(err, ErrClosed) {
		t.Errorf("AddFont after Close: %v", err)
	}
	if _, err := w.AddPNG(sealPNG(t, 4)); !errors.Is(err, ErrClosed) {
		t.Errorf("AddPNG after Close: %v", err)
	}
}

func TestFontErrors(t *testing.T) {
	for name, f := range map[string]*fakeFont{
		"Subset fails":    {err: errors.New("no glyf table")},
		"not TrueType":    {data: []byte("OTTO and more bytes")},
		"empty subset":    {},
		"bad units":       nil,
		"glyph from fake": {data: mustRead(t, tinyPath)}, // sanity: this one works
	} {
		w, _ := New(io.Discard, Options{})
		var font Font = f
		if f == nil {
			font = badUnits{&fakeFont{}}
		}
		ref, err := w.AddFont(font)
		if name == "bad units" {
			if err == nil {
				t.Error("AddFont accepted 5 units per em")
			}
			continue
		}
		check(t, err)
		p, _ := w.BeginPage(10, 10)
		check(t, p.Text(ref, 12, 0, 10, 0, []Glyph{{1, 'A', 600}}))
		check(t, w.EndPage(p))
		err = w.Close()
		if (err == nil) != (name == "glyph from fake") {
			t.Errorf("%s: Close returned %v", name, err)
		}
	}
}

type badUnits struct{ *fakeFont }

func (badUnits) UnitsPerEm() int { return 5 }

// TestWriteErrors fails the io.Writer at every point of a document's bytes
// and checks that the failure is returned and sticks.
func TestWriteErrors(t *testing.T) {
	var full bytes.Buffer
	build := func(out io.Writer) error {
		w, err := New(out, testOptions())
		if err != nil {
			return err
		}
		tiny := readTTF(t, mustRead(t, tinyPath), false)
		f, _ := w.AddFont(tiny)
		img, err := w.AddPNG(sealPNG(t, 32))
		if err != nil {
			return err
		}
		for i := 0; i < 300; i++ {
			p, err := w.BeginPage(595, 842)
			if err != nil {
				return err
			}
			for k := 0; k < 30; k++ {
				p.Text(f, 12, float64(10+i), float64(20+k*20)+float64(i)/7, 0, tiny.glyphs(t, "中文字表，ABC012"))
				p.Line(10, float64(20+k*20), 500, float64(20+k*20), 0.5)
			}
			p.Image(img, 10, 10, 50, 50, true)
			if err := w.EndPage(p); err != nil {
				return err
			}
		}
		return w.Close()
	}
	check(t, build(&full))
	size := full.Len()
	if size < 2*bufSize {
		t.Fatalf("test document of %d bytes is too small", size)
	}
	for _, n := range []int{0, 1, 100, bufSize - 1, bufSize, bufSize + 1, size / 2, size - 100, size - 1} {
		if err := build(&failWriter{n: n}); !errors.Is(err, errDisk) {
			t.Errorf("failing after %d of %d bytes: %v", n, size, err)
		}
	}
	if err := build(shortWriter{}); !errors.Is(err, io.ErrShortWrite) {
		t.Errorf("short writes: %v", err)
	}
}
