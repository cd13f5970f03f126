package pdfw

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"testing"
	"unicode/utf16"
)

// testTTF is a TrueType font read by the tests' own small parser (the
// package must not import package fonts), implementing Font. With keep its
// Subset returns the whole font (GIDKeeper); else it renumbers glyphs as
// Font.Subset asks, with subsetTTF.
type testTTF struct {
	data      []byte
	tables    map[string][]byte
	name      string
	upem      int
	ascent    int
	descent   int
	capHeight int
	bbox      [4]int
	cmap      map[rune]uint16
	numGlyphs int
	keep      bool
	calls     [][]uint16 // the glyph lists Subset was given
}

func (f *testTTF) PostScriptName() string { return f.name }
func (f *testTTF) UnitsPerEm() int        { return f.upem }
func (f *testTTF) AscentUnits() int       { return f.ascent }
func (f *testTTF) DescentUnits() int      { return f.descent }
func (f *testTTF) CapHeight() int         { return f.capHeight }
func (f *testTTF) BBox() (int, int, int, int) {
	return f.bbox[0], f.bbox[1], f.bbox[2], f.bbox[3]
}
func (f *testTTF) KeepsGIDs() bool { return f.keep }
func (f *testTTF) Subset(gids []uint16, runes []rune) ([]byte, error) {
	f.calls = append(f.calls, append([]uint16(nil), gids...))
	if len(gids) != len(runes) || len(gids) == 0 || gids[0] != 0 {
		return nil, fmt.Errorf("bad Subset arguments %v %v", gids, runes)
	}
	if f.keep {
		return f.data, nil
	}
	return subsetTTF(f, gids)
}

// advance returns glyph g's advance width.
func (f *testTTF) advance(g uint16) int {
	n := int(u16(f.tables["hhea"], 34))
	if int(g) >= n {
		g = uint16(n - 1)
	}
	return int(u16(f.tables["hmtx"], 4*int(g)))
}

// glyphs returns the glyphs of s; it fails the test on a missing character.
func (f *testTTF) glyphs(tb testing.TB, s string) []Glyph {
	tb.Helper()
	var gs []Glyph
	for _, r := range s {
		g, ok := f.cmap[r]
		if !ok {
			tb.Fatalf("font %s has no %q", f.name, r)
		}
		gs = append(gs, Glyph{Orig: g, Rune: r, Advance: f.advance(g)})
	}
	return gs
}

// width returns the advance of s at size points.
func (f *testTTF) width(gs []Glyph, size float64) float64 {
	sum := 0
	for _, g := range gs {
		sum += g.Advance
	}
	return float64(sum) * size / float64(f.upem)
}

func u16(b []byte, off int) uint16 { return binary.BigEndian.Uint16(b[off:]) }
func u32(b []byte, off int) uint32 { return binary.BigEndian.Uint32(b[off:]) }

// readTTF parses the tables the tests need.
func readTTF(tb testing.TB, data []byte, keep bool) *testTTF {
	tb.Helper()
	f := &testTTF{data: data, tables: map[string][]byte{}, keep: keep, cmap: map[rune]uint16{}}
	n := int(u16(data, 4))
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		off, length := int(u32(rec, 8)), int(u32(rec, 12))
		f.tables[string(rec[:4])] = data[off : off+length]
	}
	if u32(f.tables["maxp"], 0) == 0x00005000 && f.tables["glyf"] != nil {
		// Package fonts' tiny font has a version 0.5 maxp (CFF's), so
		// FreeType rejects its composite glyphs; give it a version 1.0 one.
		f.tables["maxp"] = maxpV1(u16(f.tables["maxp"], 4))
		f.data = assembleTTF(f.tables)
		return readTTF(tb, f.data, keep)
	}
	head, os2 := f.tables["head"], f.tables["OS/2"]
	f.upem = int(u16(head, 18))
	for i := range f.bbox {
		f.bbox[i] = int(int16(u16(head, 36+2*i)))
	}
	f.ascent, f.descent = int(int16(u16(os2, 68))), int(int16(u16(os2, 70)))
	if u16(os2, 0) >= 2 {
		f.capHeight = int(int16(u16(os2, 88)))
	}
	f.numGlyphs = int(u16(f.tables["maxp"], 4))
	f.name = postScriptName(f.tables["name"])
	readCmap(tb, f.tables["cmap"], f.cmap)
	return f
}

// maxpV1 returns a version 1.0 maxp table with generous limits.
func maxpV1(numGlyphs uint16) []byte {
	b := binary.BigEndian.AppendUint32(nil, 0x00010000)
	// numGlyphs, maxPoints, maxContours, maxCompositePoints,
	// maxCompositeContours, maxZones, maxTwilightPoints, maxStorage,
	// maxFunctionDefs, maxInstructionDefs, maxStackElements,
	// maxSizeOfInstructions, maxComponentElements, maxComponentDepth
	for _, v := range []uint16{numGlyphs, 2000, 200, 4000, 400, 2, 0, 0, 0, 0, 0, 64, 8, 4} {
		b = binary.BigEndian.AppendUint16(b, v)
	}
	return b
}

// loadTTF reads a font file, gunzipping a .gz one.
func loadTTF(tb testing.TB, path string, keep bool) *testTTF {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if bytes.HasSuffix([]byte(path), []byte(".gz")) {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			tb.Fatal(err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			tb.Fatal(err)
		}
	}
	return readTTF(tb, data, keep)
}

// postScriptName returns name ID 6 of a name table.
func postScriptName(t []byte) string {
	count, strs := int(u16(t, 2)), int(u16(t, 4))
	for i := 0; i < count; i++ {
		r := t[6+12*i:]
		if u16(r, 6) != 6 {
			continue
		}
		s := t[strs+int(u16(r, 10)) : strs+int(u16(r, 10))+int(u16(r, 8))]
		if u16(r, 0) == 1 {
			return string(s)
		}
		u := make([]uint16, len(s)/2)
		for j := range u {
			u[j] = u16(s, 2*j)
		}
		return string(utf16.Decode(u))
	}
	return ""
}

// readCmap reads a format 12 subtable, or else a format 4 one.
func readCmap(tb testing.TB, t []byte, m map[rune]uint16) {
	n := int(u16(t, 2))
	var f4 []byte
	for i := 0; i < n; i++ {
		sub := t[u32(t, 4+8*i+4):]
		switch u16(sub, 0) {
		case 12:
			groups := int(u32(sub, 12))
			for g := 0; g < groups; g++ {
				p := sub[16+12*g:]
				start, end, gid := rune(u32(p, 0)), rune(u32(p, 4)), u32(p, 8)
				for r := start; r <= end; r++ {
					m[r] = uint16(gid + uint32(r-start))
				}
			}
			return
		case 4:
			f4 = sub
		}
	}
	if f4 == nil {
		tb.Fatal("font has no format 4 or 12 cmap")
	}
	segs := int(u16(f4, 6)) / 2
	for s := 0; s < segs; s++ {
		end, start := rune(u16(f4, 14+2*s)), rune(u16(f4, 16+2*segs+2*s))
		delta, roff := u16(f4, 16+4*segs+2*s), int(u16(f4, 16+6*segs+2*s))
		for r := start; r <= end && r != 0xffff; r++ {
			g := uint16(r) + delta
			if roff != 0 {
				p := 16 + 6*segs + 2*s + roff + 2*int(r-start)
				if g = u16(f4, p); g != 0 {
					g += delta
				}
			}
			if g != 0 {
				m[r] = g
			}
		}
	}
}

// glyphData returns the glyf entry of glyph g.
func (f *testTTF) glyphData(g uint16) []byte {
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	off := func(i int) int {
		if u16(f.tables["head"], 50) == 1 {
			return int(u32(loca, 4*i))
		}
		return 2 * int(u16(loca, 2*i))
	}
	return glyf[off(int(g)):off(int(g)+1)]
}

// subsetTTF writes a TrueType font whose glyph i is gids[i], followed by
// the components of composite glyphs (their references renumbered). It
// keeps head, hhea, maxp, OS/2, name and post, drops cmap and the hinting
// tables.
func subsetTTF(f *testTTF, gids []uint16) ([]byte, error) {
	order := append([]uint16(nil), gids...)
	index := map[uint16]uint16{}
	for i, g := range order {
		if _, dup := index[g]; dup {
			return nil, fmt.Errorf("glyph %d twice", g)
		}
		index[g] = uint16(i)
	}
	var glyf, loca, hmtx []byte
	nh := int(u16(f.tables["hhea"], 34))
	for i := 0; i < len(order); i++ {
		g := order[i]
		if int(g) >= f.numGlyphs {
			return nil, fmt.Errorf("glyph %d out of range", g)
		}
		d := append([]byte(nil), f.glyphData(g)...)
		if len(d) >= 10 && int16(u16(d, 0)) < 0 { // composite: renumber components
			for p := 10; ; {
				flags, comp := u16(d, p), u16(d, p+2)
				if _, ok := index[comp]; !ok {
					index[comp] = uint16(len(order))
					order = append(order, comp)
				}
				binary.BigEndian.PutUint16(d[p+2:], index[comp])
				p += 4
				if flags&1 != 0 {
					p += 4
				} else {
					p += 2
				}
				switch {
				case flags&0x08 != 0:
					p += 2
				case flags&0x40 != 0:
					p += 4
				case flags&0x80 != 0:
					p += 8
				}
				if flags&0x20 == 0 {
					break
				}
			}
		}
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		glyf = append(glyf, d...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		lsb := u16(f.tables["hmtx"], 4*nh+2*(int(g)-nh))
		if int(g) < nh {
			lsb = u16(f.tables["hmtx"], 4*int(g)+2)
		}
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(f.advance(g)))
		hmtx = binary.BigEndian.AppendUint16(hmtx, lsb)
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea := append([]byte(nil), f.tables["hhea"]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(order)))
	maxp := append([]byte(nil), f.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(order)))
	if u16(f.tables["post"], 0) != 3 {
		return nil, errors.New("post table is not format 3")
	}
	return assembleTTF(map[string][]byte{"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx,
		"loca": loca, "glyf": glyf, "OS/2": f.tables["OS/2"], "name": f.tables["name"], "post": f.tables["post"]}), nil
}

// assembleTTF writes a table directory (with checksums) and the tables.
func assembleTTF(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	out := binary.BigEndian.AppendUint32(nil, 0x00010000)
	out = binary.BigEndian.AppendUint16(out, uint16(len(tags)))
	sel := 0
	for 2<<sel <= len(tags) {
		sel++
	}
	out = binary.BigEndian.AppendUint16(out, uint16(16<<sel))
	out = binary.BigEndian.AppendUint16(out, uint16(sel))
	out = binary.BigEndian.AppendUint16(out, uint16(16*len(tags)-16<<sel))
	off := 12 + 16*len(tags)
	var body []byte
	for _, tag := range tags {
		t := append([]byte(nil), tables[tag]...)
		for len(t)%4 != 0 {
			t = append(t, 0)
		}
		var sum uint32
		for i := 0; i < len(t); i += 4 {
			sum += u32(t, i)
		}
		out = append(out, tag...)
		out = binary.BigEndian.AppendUint32(out, sum)
		out = binary.BigEndian.AppendUint32(out, uint32(off+len(body)))
		out = binary.BigEndian.AppendUint32(out, uint32(len(tables[tag])))
		body = append(body, t...)
	}
	return append(out, body...)
}
