package fonts

import (
	"encoding/binary"
	"testing"
)

// TestSubsetCmapLarge writes a cmap for more separate BMP characters than
// format 4's 64 KiB can hold: format 4 keeps the lowest that fit, and a
// format 12 subtable, which lookups use, maps them all.
func TestSubsetCmapLarge(t *testing.T) {
	const n = 12000
	runes := make([]rune, n)
	for i := 1; i < n; i++ {
		runes[i] = rune(0x3000 + 3*i) // no two consecutive: a segment each
	}
	cmap := subsetCmap(runes)
	f := &Face{numGlyphs: n}
	if err := f.parseCmap(cmap, n, false); err != nil {
		t.Fatal(err)
	}
	if f.cmap.format != 12 {
		t.Fatalf("lookups in format %d, want 12", f.cmap.format)
	}
	for i := 1; i < n; i++ {
		if g := f.GlyphIndex(runes[i]); g != uint16(i) {
			t.Fatalf("U+%04X → %d, want %d", runes[i], g, i)
		}
	}
	want := map[rune]uint16{}
	for i, r := range runes[1:] {
		want[r] = uint16(i + 1)
	}
	f.tab = tables{"cmap": cmap}
	checkFormat4(t, f, want)
	// Format 4 holds the lowest characters that fit, in order.
	sub := subtableOf(t, f, 4)
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	if l := binary.BigEndian.Uint16(sub[2:]); segs < 8000 || int(l) != 16+8*segs {
		t.Errorf("format 4: %d segments, %d bytes", segs, l)
	}
	if last := rune(binary.BigEndian.Uint16(sub[14+2*(segs-2):])); last != runes[segs-1] {
		t.Errorf("format 4 ends at U+%04X, want U+%04X", last, runes[segs-1])
	}
}
