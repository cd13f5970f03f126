package fonts

import (
	"bytes"
	"encoding/binary"
	"flag"
	"os"
	"slices"
	"sort"
	"testing"
	"unicode/utf16"
)

// testFont describes a small TrueType font for buildFont.
type testFont struct {
	glyphs   [][]byte // glyf data of each glyph; nil for an empty glyph
	advances []uint16 // one per glyph
	cmap     map[rune]uint16
	longLoca bool
	psName   string
}

// be appends big-endian values (uint16, int16, uint32) to a byte slice.
func be(b []byte, vals ...any) []byte {
	for _, v := range vals {
		switch v := v.(type) {
		case int:
			b = binary.BigEndian.AppendUint16(b, uint16(v))
		case uint16:
			b = binary.BigEndian.AppendUint16(b, v)
		case int16:
			b = binary.BigEndian.AppendUint16(b, uint16(v))
		case uint32:
			b = binary.BigEndian.AppendUint32(b, v)
		default:
			panic("be: unsupported value")
		}
	}
	return b
}

// buildFont writes a TrueType font with the tables a PDF writer reads:
// OS/2, cmap (format 4 and 12 under Unicode and Windows records), glyf,
// head, hhea, hmtx, loca, maxp, name and post.
func buildFont(tf testFont) []byte {
	n := len(tf.glyphs)
	var glyf, loca []byte
	locaFormat := 0
	if tf.longLoca {
		locaFormat = 1
	}
	for i := 0; i <= n; i++ {
		if tf.longLoca {
			loca = be(loca, uint32(len(glyf)))
		} else {
			loca = be(loca, len(glyf)/2)
		}
		if i < n {
			glyf = append(glyf, tf.glyphs[i]...)
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
		}
	}
	var hmtx []byte
	for _, a := range tf.advances {
		hmtx = be(hmtx, a, 0)
	}
	head := be(nil, uint32(0x00010000), uint32(0x00010000), uint32(0), uint32(0x5F0F3CF5), 0x000B, 1000)
	head = append(head, make([]byte, 16)...) // created, modified
	head = be(head, int16(-100), int16(-200), 1000, 1000, 0, 8, 2, locaFormat, 0)
	hhea := be(nil, uint32(0x00010000), 880, int16(-120), 0, 1000, 0, 0, 1000, 1, 0, 0, 0, 0, 0, 0, 0, n)
	maxp := be(nil, uint32(0x00005000), n)
	os2 := be(nil, 4, 500, 400, 5, 0)
	os2 = append(os2, make([]byte, 58)...) // subscript … usLastCharIndex
	os2 = be(os2, 880, int16(-120), 0, 1000, 200)
	os2 = append(os2, make([]byte, 96-len(os2))...)
	post := be(nil, uint32(0x00030000), uint32(0), int16(-100), 50)
	post = append(post, make([]byte, 32-len(post))...)
	return assemble(map[string][]byte{
		"OS/2": os2, "cmap": buildCmap(tf.cmap), "glyf": glyf, "head": head, "hhea": hhea,
		"hmtx": hmtx, "loca": loca, "maxp": maxp, "name": buildName(tf.psName), "post": post,
	})
}

// assemble writes the table directory and the tables, each padded to four bytes.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	out := be(nil, uint32(0x00010000), len(tags), 0, 0, 0)
	off := 12 + 16*len(tags)
	var body []byte
	for _, tag := range tags {
		t := tables[tag]
		out = append(out, tag...)
		out = be(out, uint32(0), uint32(off+len(body)), uint32(len(t)))
		body = append(body, t...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
	}
	return append(out, body...)
}

// buildCmap writes a cmap with a format 4 subtable (a segment per run of
// consecutive BMP characters: a lone one by idDelta, longer runs through
// glyphIdArray) and a format 12 one (a group per character), each under a
// Unicode and a Windows record.
func buildCmap(m map[rune]uint16) []byte {
	runes := make([]rune, 0, len(m))
	for r := range m {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	type seg struct{ start, end rune }
	var segs []seg
	for _, r := range runes {
		if r > 0xFFFE {
			break
		}
		if k := len(segs) - 1; k >= 0 && segs[k].end == r-1 {
			segs[k].end = r
		} else {
			segs = append(segs, seg{r, r})
		}
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF})
	sc := len(segs)
	var ends, starts, deltas, ranges, ids []byte
	for i, s := range segs {
		ends, starts = be(ends, int(s.end)), be(starts, int(s.start))
		switch {
		case s.start == 0xFFFF:
			deltas, ranges = be(deltas, 1), be(ranges, 0)
		case s.start == s.end:
			deltas, ranges = be(deltas, int(m[s.start])-int(s.start)), be(ranges, 0)
		default:
			deltas = be(deltas, 0)
			ranges = be(ranges, 2*(sc-i)+len(ids))
			for r := s.start; r <= s.end; r++ {
				ids = be(ids, m[r])
			}
		}
	}
	f4 := be(nil, 4, 16+8*sc+len(ids), 0, 2*sc, 0, 0, 0)
	f4 = append(append(append(append(append(append(f4, ends...), 0, 0), starts...), deltas...), ranges...), ids...)
	f12 := be(nil, 12, 0, uint32(16+12*len(runes)), uint32(0), uint32(len(runes)))
	for _, r := range runes {
		f12 = be(f12, uint32(r), uint32(r), uint32(m[r]))
	}
	off4, off12 := 4+8*4, 4+8*4+len(f4)
	cmap := be(nil, 0, 4, 0, 3, uint32(off4), 0, 4, uint32(off12), 3, 1, uint32(off4), 3, 10, uint32(off12))
	return append(append(cmap, f4...), f12...)
}

// buildName writes a name table with the family (ID 1) and PostScript
// name (ID 6) as Windows Unicode English records.
func buildName(ps string) []byte {
	utf := func(s string) []byte { return be(nil, anys(utf16.Encode([]rune(s)))...) }
	family, psn := utf("Zsdoc Test"), utf(ps)
	b := be(nil, 0, 2, 6+12*2)
	b = be(b, 3, 1, 0x409, 1, len(family), 0)
	b = be(b, 3, 1, 0x409, 6, len(psn), len(family))
	return append(append(b, family...), psn...)
}

func anys(u []uint16) []any {
	out := make([]any, len(u))
	for i, v := range u {
		out[i] = v
	}
	return out
}

// Runes of tinyFont: simple glyphs taken from the embedded subset, a
// composite of two of them and a composite of that composite, and an
// ideograph above the BMP.
const (
	tinyComposite = 'Ä'
	tinyNested    = 'Å'
	tinyAstral    = '\U00020000'
)

var tinySimple = []rune("ABC012中文字表，")

// tinyFont builds a small font with real outlines from the embedded body
// subset: glyph 0, the glyphs of tinySimple (consecutive runes, so that
// format 4 uses both idDelta and glyphIdArray), two composites and an
// astral mapping.
func tinyFont(tb testing.TB) []byte {
	tb.Helper()
	return tinyFontNamed(tb, "ZsdocTest-Regular")
}

// tinyFontNamed is tinyFont with another PostScript name.
func tinyFontNamed(tb testing.TB, psName string) []byte {
	tb.Helper()
	data := embeddedData(tb, "NotoSansSC-Regular.subset.ttf")
	src, err := Parse("src", data)
	if err != nil {
		tb.Fatal(err)
	}
	t, _, err := readDirectory(data, 0)
	if err != nil {
		tb.Fatal(err)
	}
	long := binary.BigEndian.Uint16(t["head"][50:]) == 1
	glyphData := func(g uint16) []byte {
		off := func(i int) int {
			if long {
				return int(binary.BigEndian.Uint32(t["loca"][4*i:]))
			}
			return 2 * int(binary.BigEndian.Uint16(t["loca"][2*i:]))
		}
		b := bytes.Clone(t["glyf"][off(int(g)):off(int(g)+1)])
		if len(b) >= 2 && int16(binary.BigEndian.Uint16(b)) < 0 {
			tb.Fatalf("glyph %d of the subset is a composite", g)
		}
		return b
	}
	tf := testFont{glyphs: [][]byte{glyphData(0)}, advances: []uint16{500}, cmap: map[rune]uint16{}, psName: psName}
	for _, r := range tinySimple {
		tf.cmap[r] = uint16(len(tf.glyphs))
		tf.glyphs = append(tf.glyphs, glyphData(src.glyph(r)))
		tf.advances = append(tf.advances, uint16(src.Advance(r)*1000))
	}
	// Ä: A with 0 on top (words for arguments, a scale); Å: Ä with 1 on top.
	// The arguments are offsets (ARGS_ARE_XY_VALUES, 0x0002).
	comp := be(nil, int16(-1), 0, 0, 1000, 1000)
	comp = be(comp, 0x0001|0x0002|0x0020, tf.cmap['A'], 0, 0)
	comp = be(comp, 0x0002|0x0008, tf.cmap['0'], 100<<8|200, 0x4000)
	tf.cmap[tinyComposite] = uint16(len(tf.glyphs))
	tf.glyphs, tf.advances = append(tf.glyphs, comp), append(tf.advances, 600)
	nested := be(nil, int16(-1), 0, 0, 1000, 1000)
	nested = be(nested, 0x0001|0x0002|0x0020|0x0100, tf.cmap[tinyComposite], 0, 0)
	nested = be(nested, 0x0002|0x0080, tf.cmap['1'], 0, 0x4000, 0, 0, 0x4000)
	nested = append(be(nested, 1), 0x00) // one instruction: SVTCA[y]
	tf.cmap[tinyNested] = uint16(len(tf.glyphs))
	tf.glyphs, tf.advances = append(tf.glyphs, nested), append(tf.advances, 600)
	tf.cmap[tinyAstral] = tf.cmap['中']
	return buildFont(tf)
}

var update = flag.Bool("update", false, "rewrite testdata/tiny.ttf")

// TestTinyFontFile keeps testdata/tiny.ttf, the seed of the PDF backend's
// font fuzz test, equal to tinyFont (go test ./fonts -run TestTinyFontFile -update).
func TestTinyFontFile(t *testing.T) {
	want := tinyFont(t)
	const file = "testdata/tiny.ttf"
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(file)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s is missing or out of date (%v): go test ./fonts -run TestTinyFontFile -update", file, err)
	}
}
