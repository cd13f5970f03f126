package fonts

import (
	"bytes"
	"encoding/binary"
	"os"
	"slices"
	"testing"
)

// TestEmbeddedFontsValid checks that every embedded font passes Parse's
// full checks, which Default skips (parse's trusted mode), and that the
// trusted parse reads the same face.
func TestEmbeddedFontsValid(t *testing.T) {
	for _, e := range embeddedFonts {
		data, err := e.data()
		if err != nil {
			t.Fatal(err)
		}
		full, err := parseNamed(e.name, data, false)
		if err != nil {
			t.Fatalf("%s: %v", e.file, err)
		}
		fast, err := e.load()
		if err != nil {
			t.Fatalf("%s: %v", e.file, err)
		}
		if full.numGlyphs != fast.numGlyphs || full.psName != fast.psName || full.ascent != fast.ascent ||
			full.cmap.format != fast.cmap.format || !bytes.Equal(full.cmap.sub, fast.cmap.sub) || full.longLoca != fast.longLoca {
			t.Errorf("%s: the trusted parse differs", e.file)
		}
		if full.cmap.format == 0 {
			t.Errorf("%s: characters mapped at parse time, not looked up", e.file)
		}
	}
}

// TestGlyphAPI checks what a PDF writer reads of a face against the
// tables of tiny.ttf and the embedded fonts.
func TestGlyphAPI(t *testing.T) {
	tiny, err := Parse("tiny.ttf", tinyFont(t))
	if err != nil {
		t.Fatal(err)
	}
	x0, y0, x1, y1 := tiny.BBox()
	if tiny.UnitsPerEm() != 1000 || tiny.NumGlyphs() != len(tinySimple)+3 || x0 != -100 || y0 != -200 || x1 != 1000 || y1 != 1000 {
		t.Errorf("unitsPerEm %d, %d glyphs, bbox %d %d %d %d", tiny.UnitsPerEm(), tiny.NumGlyphs(), x0, y0, x1, y1)
	}
	if tiny.AscentUnits() != 880 || tiny.DescentUnits() != -120 || tiny.CapHeight() != 880 || tiny.WeightClass() != 400 {
		t.Errorf("ascent %d, descent %d, cap height %d, weight %d", tiny.AscentUnits(), tiny.DescentUnits(), tiny.CapHeight(), tiny.WeightClass())
	}
	if tiny.ItalicAngle() != 0 || tiny.IsFixedPitch() {
		t.Errorf("italic angle %v, fixed pitch %v", tiny.ItalicAngle(), tiny.IsFixedPitch())
	}
	for _, r := range string(tinySimple) + string(tinyNested) {
		g := tiny.GlyphIndex(r)
		if g == 0 || float64(tiny.GlyphAdvance(g))/1000 != tiny.Advance(r) {
			t.Errorf("%q: glyph %d, advance %d, %v em", r, g, tiny.GlyphAdvance(g), tiny.Advance(r))
		}
	}
	if tiny.GlyphIndex('D') != 0 || tiny.GlyphAdvance(uint16(tiny.NumGlyphs())) != 0 || tiny.GlyphIndex(tinyAstral) != tiny.GlyphIndex('中') {
		t.Error("D, a glyph past the last, or the astral character")
	}
	s, _ := Default()
	for role, want := range map[Role][2]int{Title: {729, 700}, Label: {733, 400}, Body: {729, 400}} {
		f := s.Face(role)
		if f.CapHeight() != want[0] || f.WeightClass() != want[1] || f.UnitsPerEm() != 1000 || f.GlyphAdvance(f.GlyphIndex('中')) != 1000 {
			t.Errorf("%s: cap height %d, weight %d", role, f.CapHeight(), f.WeightClass())
		}
		// Glyphs past numberOfHMetrics have the last width.
		last := binary.BigEndian.Uint16(f.hmtx[4*(f.numHM-1):])
		if f.numHM < f.NumGlyphs() && f.GlyphAdvance(uint16(f.NumGlyphs()-1)) != int(last) {
			t.Errorf("%s: the last glyph's width", role)
		}
	}
}

// TestCmapLookups compares the lookups (binary searches in format 12 and
// format 4) with a walk of the subtable for every character, for fonts
// with format 12, with format 4 only, and with format 4 segments out of
// order (mapped at parse time).
func TestCmapLookups(t *testing.T) {
	fonts := map[string][]byte{"tiny": tinyFont(t), "label": embeddedData(t, "NotoSansSC-Regular.subset.ttf")}
	if data, err := os.ReadFile(dejaVu); err == nil {
		fonts["dejavu"] = data
	}
	unsorted := 0
	for name, data := range fonts {
		f, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		checkLookups(t, name, f, 12, f.cmap.sub)
		sub := subtableOf(t, f, 4)
		// Only the format 4 subtable: lookups search it.
		f4 := &Face{numGlyphs: f.numGlyphs}
		if err := f4.parseCmap(cmapOf(sub), f.numGlyphs, false); err != nil {
			t.Fatal(err)
		}
		checkLookups(t, name+" format 4", f4, 4, sub)
		// Segments 0 and 1 swapped: the walk maps the characters.
		segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
		swapped := bytes.Clone(sub)
		for _, arr := range []int{14, 16 + 2*segs, 16 + 4*segs} {
			copy(swapped[arr:], sub[arr+2:arr+4])
			copy(swapped[arr+2:], sub[arr:arr+2])
		}
		ro := 16 + 6*segs
		if binary.BigEndian.Uint16(sub[ro:]) != 0 || binary.BigEndian.Uint16(sub[ro+2:]) != 0 {
			continue // swapping would move glyphIdArray offsets
		}
		fu := &Face{numGlyphs: f.numGlyphs}
		if err := fu.parseCmap(cmapOf(swapped), f.numGlyphs, false); err != nil {
			t.Fatal(err)
		}
		checkLookups(t, name+" unsorted", fu, 0, swapped)
		unsorted++
	}
	if unsorted == 0 {
		t.Error("no font tried with unsorted segments")
	}
}

// checkLookups checks that the face looks characters up the way named
// (format 12, 4, or 0: mapped at parse time) and that every character
// maps as a walk of the subtable walk says.
func checkLookups(t *testing.T, name string, f *Face, format int, walk []byte) {
	t.Helper()
	if f.cmap.format != format {
		t.Fatalf("%s: lookups in format %d, want %d", name, f.cmap.format, format)
	}
	want := map[rune]uint16{}
	eachMapping(int(binary.BigEndian.Uint16(walk)), walk, func(r rune, g uint16) { want[r] = g })
	for r := rune(-2); r <= 0x110001; r++ {
		if got := f.GlyphIndex(r); got != want[r] {
			t.Fatalf("%s: U+%04X → %d, the subtable says %d", name, r, got, want[r])
		}
	}
	if len(want) == 0 {
		t.Fatalf("%s: maps nothing", name)
	}
}

// subtableOf returns the face's first cmap subtable of a format.
func subtableOf(t *testing.T, f *Face, format uint16) []byte {
	t.Helper()
	cmap := f.tab["cmap"]
	for i := range int(binary.BigEndian.Uint16(cmap[2:])) {
		off := binary.BigEndian.Uint32(cmap[8+8*i:])
		if binary.BigEndian.Uint16(cmap[off:]) == format {
			return slices.Clone(cmap[off:])
		}
	}
	t.Fatalf("no format %d", format)
	return nil
}

// cmapOf returns a cmap table of one subtable under the Windows BMP record.
func cmapOf(sub []byte) []byte { return append(be(nil, 0, 1, 3, 1, uint32(12)), sub...) }
