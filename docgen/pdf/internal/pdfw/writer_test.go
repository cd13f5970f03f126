package pdfw

import (
	"bytes"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestAppendNum(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", -0.0001: "0", math.Copysign(0, -1): "0", 1.5: "1.5", 12.3456: "12.346", -3.125: "-3.125",
		32767: "32767", -32767: "-32767", 0.0005: "0.001", 1e-9: "0", 595.28: "595.28", 0.05: "0.05",
		0.005: "0.005", 100.12: "100.12", 1e4 + 0.1: "10000.1", -0.5: "-0.5", 0.9999: "1",
	} {
		if got := string(appendNum(nil, v)); got != want {
			t.Errorf("appendNum(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestStrings(t *testing.T) {
	cases := []struct{ got, want string }{
		{string(appendName(nil, "Noto Sans#1(x)/é")), "/Noto#20Sans#231#28x#29#2F#C3#A9"},
		{string(appendText(nil, `a(b)\c`+"\n\x7f")), `(a\(b\)\\c\012\177)`},
		{string(appendText(nil, "督办 A")), "<FEFF7763529E00200041>"},
		{string(appendText(nil, "\U00020000")), "<FEFFD840DC00>"},
		{string(appendDate(nil, time.Date(2025, 3, 4, 5, 6, 7, 0, time.FixedZone("", 8*3600)))), "(D:20250304050607+08'00')"},
		{string(appendDate(nil, time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC))), "(D:20251231235959Z)"},
		{string(appendDate(nil, time.Date(2025, 1, 2, 3, 4, 5, 0, time.FixedZone("", -(5*3600+30*60))))), "(D:20250102030405-05'30')"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}

// fontWith returns a FontRef whose CIDs 1.. have the given advances and
// runes.
func fontWith(upem int, advs []int, runes []rune) *FontRef {
	f := &FontRef{upem: upem, cids: []cidEntry{{}}}
	for i, a := range advs {
		f.cids = append(f.cids, cidEntry{orig: uint16(i + 1), adv: uint16(a), r: runes[i]})
	}
	return f
}

func TestWidths(t *testing.T) {
	for _, c := range []struct {
		upem int
		advs []int
		want string
	}{
		{1000, []int{1000, 1000}, ""},
		{1000, []int{500, 600, 1000, 700}, " /W [1 [500 600] 4 [700]]"},
		{1000, []int{500, 500, 500, 500, 600, 1000, 500, 500, 500, 300}, " /W [1 4 500 5 [600] 7 [500 500 500 300]]"},
		{1000, []int{300, 500, 500, 500, 500, 500}, " /W [1 [300] 2 6 500]"},
		{2048, []int{2048, 1000, 1229}, " /W [2 [488.281 600.098]]"},
	} {
		runes := make([]rune, len(c.advs))
		if got := string(fontWith(c.upem, c.advs, runes).appendWidths(nil)); got != c.want {
			t.Errorf("widths %v/%d: got %q, want %q", c.advs, c.upem, got, c.want)
		}
	}
}

func TestToUnicode(t *testing.T) {
	runes := []rune("ABC中文\U00020000XYZ\u3000")
	runes = append(runes, 0xfe, 0xff, 0x100) // a range must not cross a byte
	got := string(toUnicode(fontWith(1000, make([]int, len(runes)), runes).cids))
	for _, want := range []string{
		"3 beginbfrange\n<0001> <0003> <0041>\n<0007> <0009> <0058>\n<000B> <000C> <00FE>\nendbfrange\n",
		"5 beginbfchar\n<0004> <4E2D>\n<0005> <6587>\n<0006> <D840DC00>\n<000A> <3000>\n<000D> <0100>\nendbfchar\n",
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("ToUnicode lacks\n%s\nin\n%s", want, got)
		}
	}
	// 300 consecutive characters: ranges split where the CID's or the
	// character's high byte changes.
	seq := make([]rune, 300)
	for i := range seq {
		seq[i] = rune(0x4e00 + i)
	}
	got = string(toUnicode(fontWith(1000, make([]int, len(seq)), seq).cids))
	if want := "2 beginbfrange\n<0001> <00FF> <4E00>\n<0101> <012C> <4F00>\nendbfrange\n1 beginbfchar\n<0100> <4EFF>\nendbfchar\n"; !strings.Contains(got, want) {
		t.Errorf("ToUnicode of a sequence:\n%s\nwant\n%s", got, want)
	}
	// 250 unrelated characters: three bfchar blocks of at most 100.
	many := make([]rune, 250)
	for i := range many {
		many[i] = rune(0x4e00 + 2*i)
	}
	got = string(toUnicode(fontWith(1000, make([]int, len(many)), many).cids))
	if c := strings.Count(got, "beginbfchar"); c != 3 || !strings.Contains(got, "100 beginbfchar") || !strings.Contains(got, "50 beginbfchar") {
		t.Errorf("want blocks of 100, 100 and 50, got %d blocks", c)
	}
}

// fakeFont is a Font with fixed metrics whose Subset returns a copy of the
// tiny font (or err).
type fakeFont struct {
	data  []byte
	err   error
	calls [][]uint16
	runes [][]rune
}

func (f *fakeFont) PostScriptName() string     { return "Fake Font" }
func (f *fakeFont) UnitsPerEm() int            { return 1000 }
func (f *fakeFont) AscentUnits() int           { return 880 }
func (f *fakeFont) DescentUnits() int          { return -120 }
func (f *fakeFont) CapHeight() int             { return 0 }
func (f *fakeFont) BBox() (int, int, int, int) { return -100, -200, 1000, 1000 }
func (f *fakeFont) Subset(g []uint16, r []rune) ([]byte, error) {
	f.calls = append(f.calls, append([]uint16(nil), g...))
	f.runes = append(f.runes, append([]rune(nil), r...))
	return f.data, f.err
}

// TestGlyphMapping checks the CIDs in content, the glyph list Subset gets,
// the widths and the CIDToGIDMap.
func TestGlyphMapping(t *testing.T) {
	tiny := mustRead(t, tinyPath)
	for _, keep := range []bool{false, true} {
		var buf bytes.Buffer
		w, _ := New(&buf, Options{})
		ff := &fakeFont{data: tiny}
		var font Font = ff
		if keep {
			font = keeper{ff}
		}
		f, err := w.AddFont(font)
		check(t, err)
		p, _ := w.BeginPage(100, 100)
		check(t, p.Text(f, 10, 0, 50, 0, []Glyph{{9, 'x', 500}, {4, 'y', 1000}, {9, 'x', 500}}))
		check(t, p.Text(f, 10, 0, 60, 0, []Glyph{{4, 'y', 1000}, {9, 'X', 500}, {0, '?', 1000}, {7, 'z', 250}}))
		check(t, w.EndPage(p))
		check(t, w.Close())
		pdf := parsePDF(t, buf.Bytes())
		content := string(pdf.stream(t, pdf.find("/Length")[0]))
		if !strings.Contains(content, "<000100020001> Tj") || !strings.Contains(content, "<0002000300040005> Tj") {
			t.Errorf("CIDs in content: %s", content)
		}
		if len(ff.calls) != 1 || !equal(ff.calls[0], []uint16{0, 9, 4, 7}) || string(ff.runes[0][1:]) != "xyz" {
			t.Errorf("Subset got %v %q, want [0 9 4 7] and xyz", ff.calls, ff.runes)
		}
		cidFont := pdf.dict(pdf.find("/CIDFontType2")[0])
		if !strings.Contains(cidFont, "/BaseFont /"+subsetTag("Fake Font", keep, []uint16{0, 9, 4, 7})+"+Fake#20Font") {
			t.Errorf("BaseFont: %s", cidFont)
		}
		if !strings.Contains(cidFont, " /W [1 [500] 3 [500] 5 [250]]") {
			t.Errorf("widths: %s", cidFont)
		}
		// CID 1..5 → x y X ? z: glyphs 9 4 9 0 7; subset ids 1 2 1 0 3.
		want := []uint16{0, 1, 2, 1, 0, 3}
		if keep {
			want = []uint16{0, 9, 4, 9, 0, 7}
		}
		m := regexp.MustCompile(`/CIDToGIDMap (\d+) 0 R`).FindStringSubmatch(cidFont)
		if m == nil {
			t.Fatalf("no CIDToGIDMap stream: %s", cidFont)
		}
		num := 0
		for _, c := range m[1] {
			num = 10*num + int(c-'0')
		}
		data := pdf.stream(t, num)
		var got []uint16
		for i := 0; i+1 < len(data); i += 2 {
			got = append(got, uint16(data[i])<<8|uint16(data[i+1]))
		}
		if !equal(got, want) {
			t.Errorf("keep %v: CIDToGIDMap %v, want %v", keep, got, want)
		}
		desc := pdf.dict(pdf.find("/FontDescriptor")[1])
		if !strings.Contains(desc, "/Flags 4 /FontBBox [-100 -200 1000 1000] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80") {
			t.Errorf("descriptor: %s", desc)
		}
	}
}

// styled is a fake font that describes its style.
type styled struct{ *fakeFont }

func (styled) ItalicAngle() float64 { return -12.5 }
func (styled) IsFixedPitch() bool   { return true }
func (styled) WeightClass() int     { return 700 }

func TestFontStyle(t *testing.T) {
	var buf bytes.Buffer
	w, _ := New(&buf, Options{})
	f, err := w.AddFont(styled{&fakeFont{data: mustRead(t, tinyPath)}})
	check(t, err)
	p, _ := w.BeginPage(10, 10)
	check(t, p.Text(f, 12, 0, 10, 0, []Glyph{{1, 'A', 600}}))
	check(t, w.EndPage(p))
	check(t, w.Close())
	pdf := parsePDF(t, buf.Bytes())
	desc := pdf.dict(pdf.find("/Type /FontDescriptor")[0])
	if !strings.Contains(desc, "/Flags 69 ") || !strings.Contains(desc, "/ItalicAngle -12.5 ") || !strings.Contains(desc, "/StemV 165 ") {
		t.Errorf("descriptor of a bold italic fixed-pitch font: %s", desc)
	}
}

type keeper struct{ *fakeFont }

func (keeper) KeepsGIDs() bool { return true }

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestIdentityMap: glyphs each drawn for one character in a renumbered
// subset need no CIDToGIDMap stream; an unused font is not written.
func TestIdentityMap(t *testing.T) {
	var buf bytes.Buffer
	w, _ := New(&buf, Options{})
	tiny := readTTF(t, mustRead(t, tinyPath), false)
	f, _ := w.AddFont(tiny)
	unused, _ := w.AddFont(&fakeFont{})
	_ = unused
	p, _ := w.BeginPage(100, 100)
	check(t, p.Text(f, 10, 0, 50, 0, tiny.glyphs(t, "表A中B")))
	check(t, w.EndPage(p))
	check(t, w.Close())
	pdf := parsePDF(t, buf.Bytes())
	fonts := pdf.find("/CIDFontType2")
	if len(fonts) != 1 || !strings.Contains(pdf.dict(fonts[0]), "/CIDToGIDMap /Identity") {
		t.Errorf("want one font with /CIDToGIDMap /Identity: %v", fonts)
	}
	if len(tiny.calls) != 1 || !equal(tiny.calls[0], []uint16{0, tiny.cmap['表'], tiny.cmap['A'], tiny.cmap['中'], tiny.cmap['B']}) {
		t.Errorf("Subset calls %v", tiny.calls)
	}
}
