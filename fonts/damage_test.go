package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// damage is a hand-made defect of tinyFont that Parse must refuse.
type damage struct {
	name  string
	huge  bool // too big for a fuzz seed
	fn    func(tb testing.TB, d []byte) []byte
	want  string // in the message
	isErr error  // errors.Is
}

// apply returns a damaged copy of font.
func (d damage) apply(tb testing.TB, font []byte) []byte { return d.fn(tb, bytes.Clone(font)) }

// table returns where a table of a built font starts, and its length.
func table(tb testing.TB, d []byte, tag string) (off, n int) {
	tb.Helper()
	for i := range int(binary.BigEndian.Uint16(d[4:])) {
		rec := d[12+16*i:]
		if string(rec[:4]) == tag {
			return int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		}
	}
	tb.Fatalf("no %s table", tag)
	return 0, 0
}

// dirEntry returns where the directory record of a table starts.
func dirEntry(tb testing.TB, d []byte, tag string) int {
	tb.Helper()
	for i := range int(binary.BigEndian.Uint16(d[4:])) {
		if string(d[12+16*i:][:4]) == tag {
			return 12 + 16*i
		}
	}
	tb.Fatalf("no %s table", tag)
	return 0
}

// subtable returns where the first cmap subtable of a format starts.
func subtable(tb testing.TB, d []byte, format uint16) int {
	cmap, _ := table(tb, d, "cmap")
	for i := range int(binary.BigEndian.Uint16(d[cmap+2:])) {
		off := cmap + int(binary.BigEndian.Uint32(d[cmap+4+8*i+4:]))
		if binary.BigEndian.Uint16(d[off:]) == format {
			return off
		}
	}
	tb.Fatalf("no format %d subtable", format)
	return 0
}

// glyphAt returns where glyph g of a built font (short loca) starts.
func glyphAt(tb testing.TB, d []byte, g int) int {
	loca, _ := table(tb, d, "loca")
	glyf, _ := table(tb, d, "glyf")
	return glyf + 2*int(binary.BigEndian.Uint16(d[loca+2*g:]))
}

func put16(d []byte, at int, v uint16) []byte { binary.BigEndian.PutUint16(d[at:], v); return d }
func put32(d []byte, at int, v uint32) []byte { binary.BigEndian.PutUint32(d[at:], v); return d }

// The glyph ids of tinyFont's composites.
var (
	tinyCompositeID = len(tinySimple) + 1
	tinyNestedID    = len(tinySimple) + 2
)

var damages = []damage{
	{name: "truncated-half", fn: func(tb testing.TB, d []byte) []byte { return d[:len(d)/2] }, want: "表目录损坏"},
	{name: "truncated-directory", fn: func(tb testing.TB, d []byte) []byte { return d[:100] }, want: "表目录损坏"},
	{name: "header-only", fn: func(tb testing.TB, d []byte) []byte { return d[:12] }, want: "表目录损坏"},
	{name: "too-large", huge: true, fn: func(tb testing.TB, d []byte) []byte {
		return append(d, make([]byte, MaxFileSize)...)
	}, isErr: ErrTooLarge, want: "64 MiB"},
	{name: "table-offset-overflow", fn: func(tb testing.TB, d []byte) []byte {
		return put32(d, dirEntry(tb, d, "cmap")+8, 0xFFFFFFF0)
	}, want: "超出文件末尾"},
	{name: "duplicate-table", fn: func(tb testing.TB, d []byte) []byte {
		copy(d[dirEntry(tb, d, "post"):], "cmap")
		return d
	}, want: "出现两次"},
	{name: "missing-loca", fn: func(tb testing.TB, d []byte) []byte {
		copy(d[dirEntry(tb, d, "loca"):], "LOCA")
		return d
	}, want: "缺少 loca 表"},
	{name: "cff-without-glyf", fn: func(tb testing.TB, d []byte) []byte {
		copy(d[dirEntry(tb, d, "glyf"):], "CFF ")
		return d
	}, isErr: ErrCFF},
	{name: "head-magic", fn: func(tb testing.TB, d []byte) []byte {
		off, _ := table(tb, d, "head")
		return put32(d, off+12, 0)
	}, want: "head 表损坏"},
	{name: "unitsPerEm-0", fn: func(tb testing.TB, d []byte) []byte {
		off, _ := table(tb, d, "head")
		return put16(d, off+18, 0)
	}, want: "unitsPerEm = 0"},
	{name: "indexToLocFormat-2", fn: func(tb testing.TB, d []byte) []byte {
		off, _ := table(tb, d, "head")
		return put16(d, off+50, 2)
	}, want: "indexToLocFormat"},
	{name: "numGlyphs-0", fn: func(tb testing.TB, d []byte) []byte {
		off, _ := table(tb, d, "maxp")
		return put16(d, off+4, 0)
	}, want: "maxp 表损坏"},
	{name: "numberOfHMetrics-0", fn: func(tb testing.TB, d []byte) []byte {
		off, _ := table(tb, d, "hhea")
		return put16(d, off+34, 0)
	}, want: "numberOfHMetrics = 0"},
	{name: "hmtx-short", fn: func(tb testing.TB, d []byte) []byte {
		return put32(d, dirEntry(tb, d, "hmtx")+12, 8)
	}, want: "hmtx 表损坏"},
	{name: "loca-short", fn: func(tb testing.TB, d []byte) []byte {
		return put32(d, dirEntry(tb, d, "loca")+12, 6)
	}, want: "loca 表损坏"},
	{name: "loca-decreasing", fn: func(tb testing.TB, d []byte) []byte {
		loca, _ := table(tb, d, "loca")
		return put16(d, loca+2*3, binary.BigEndian.Uint16(d[loca+2*2:])-1)
	}, want: "偏移量小于前一个"},
	{name: "loca-beyond-glyf", fn: func(tb testing.TB, d []byte) []byte {
		loca, n := table(tb, d, "loca")
		return put16(d, loca+n-2, 0xFFFF)
	}, want: "超出 glyf 表"},
	{name: "glyph-too-short", fn: func(tb testing.TB, d []byte) []byte {
		loca, _ := table(tb, d, "loca")
		return put16(d, loca+2*2, binary.BigEndian.Uint16(d[loca+2*1:])+2)
	}, want: "只有 4 字节"},
	{name: "glyph-contours-too-many", fn: func(tb testing.TB, d []byte) []byte {
		return put16(d, glyphAt(tb, d, 1), 0x7FFF)
	}, want: "轮廓数据不完整"},
	{name: "composite-cycle", fn: func(tb testing.TB, d []byte) []byte {
		return put16(d, glyphAt(tb, d, tinyCompositeID)+12, uint16(tinyNestedID))
	}, want: "引用了自己"},
	{name: "composite-self", fn: func(tb testing.TB, d []byte) []byte {
		return put16(d, glyphAt(tb, d, tinyCompositeID)+12, uint16(tinyCompositeID))
	}, want: "引用了自己"},
	{name: "composite-missing-glyph", fn: func(tb testing.TB, d []byte) []byte {
		return put16(d, glyphAt(tb, d, tinyCompositeID)+12, 0xFFFF)
	}, want: "不存在的字形 65535"},
	{name: "composite-no-end", fn: func(tb testing.TB, d []byte) []byte {
		at := glyphAt(tb, d, tinyNestedID) + 10
		at += 4 + 4 // first component: words
		return put16(d, at, 0x0080|0x0020)
	}, want: "部件数据不完整"},
	{name: "composite-flags-conflict", fn: func(tb testing.TB, d []byte) []byte {
		return put16(d, glyphAt(tb, d, tinyCompositeID)+10, 0x0001|0x0020|0x0008|0x0080)
	}, want: "变换标志相互矛盾"},
	{name: "cmap12-huge-group", fn: func(tb testing.TB, d []byte) []byte {
		at := subtable(tb, d, 12)
		d = put32(d, at+12, 1)
		d = put32(d, at+16, 0)
		return put32(d, at+20, 0xFFFFFFFF)
	}, want: "映射的字符超过"},
	{name: "cmap12-many-groups", fn: func(tb testing.TB, d []byte) []byte {
		return put32(d, subtable(tb, d, 12)+12, 0xFFFFFFFF)
	}, want: "分组超出子表的范围"},
	{name: "cmap12-unsorted", fn: func(tb testing.TB, d []byte) []byte {
		at := subtable(tb, d, 12)
		g2 := binary.BigEndian.Uint32(d[at+16+12*2:])
		return put32(d, at+16+12+4, g2) // group 1 ends where group 2 starts
	}, want: "顺序错误或与前一组重叠"},
	{name: "cmap12-glyph-out-of-range", fn: func(tb testing.TB, d []byte) []byte {
		return put32(d, subtable(tb, d, 12)+16+8, 0xFFFFFFFF)
	}, want: "映射到不存在的字形"},
	{name: "cmap4-segments", fn: func(tb testing.TB, d []byte) []byte {
		return put16(d, subtable(tb, d, 4)+6, 0xFFFE)
	}, want: "格式 4 子表长度"},
	{name: "cmap4-no-final-segment", fn: func(tb testing.TB, d []byte) []byte {
		at := subtable(tb, d, 4)
		segs := int(binary.BigEndian.Uint16(d[at+6:])) / 2
		return put16(d, at+14+2*(segs-1), 0xFFFE)
	}, want: "不以 U+FFFF 结束"},
	{name: "cmap4-glyph-out-of-range", fn: func(tb testing.TB, d []byte) []byte {
		at := subtable(tb, d, 4)
		segs := int(binary.BigEndian.Uint16(d[at+6:])) / 2
		return put16(d, at+16+4*segs, 0x7000) // idDelta of the first segment
	}, want: "映射到不存在的字形"},
	{name: "cmap4-range-offset", fn: func(tb testing.TB, d []byte) []byte {
		at := subtable(tb, d, 4)
		segs := int(binary.BigEndian.Uint16(d[at+6:])) / 2
		for s := range segs - 1 {
			if ro := at + 16 + 6*segs + 2*s; binary.BigEndian.Uint16(d[ro:]) != 0 {
				return put16(d, ro, 0x7FFE)
			}
		}
		tb.Fatal("no segment uses glyphIdArray")
		return nil
	}, want: "idRangeOffset"},
	{name: "cmap-subtable-outside", fn: func(tb testing.TB, d []byte) []byte {
		cmap, _ := table(tb, d, "cmap")
		return put32(d, cmap+4+4, 0x7FFFFFFF)
	}, want: "超出表的范围"},
	{name: "cmap-no-unicode", fn: func(tb testing.TB, d []byte) []byte {
		cmap, _ := table(tb, d, "cmap")
		for i := range 4 {
			put16(d, cmap+4+8*i, 1) // Macintosh
		}
		return d
	}, want: "没有 Unicode 字符映射"},
}

// TestParseRefusesDamage checks that each hand-made defect is refused
// quickly, with a message naming the file and what is wrong.
func TestParseRefusesDamage(t *testing.T) {
	tiny := tinyFont(t)
	if _, err := Parse("tiny.ttf", tiny); err != nil {
		t.Fatal(err)
	}
	for _, d := range damages {
		data := d.apply(t, tiny)
		name := d.name + ".ttf"
		start := time.Now()
		_, err := Parse(name, data)
		if el := time.Since(start); el > 100*time.Millisecond {
			t.Errorf("%s: Parse took %v", d.name, el)
		}
		switch {
		case err == nil:
			t.Errorf("%s: accepted", d.name)
		case !strings.HasPrefix(err.Error(), "字体文件“"+name+"”无法使用："), !strings.Contains(err.Error(), d.want):
			t.Errorf("%s: %v, want %q", d.name, err, d.want)
		case d.isErr != nil && !errors.Is(err, d.isErr), d.isErr == nil && !errors.Is(err, ErrNotFont):
			t.Errorf("%s: %v is not %v", d.name, err, d.isErr)
		}
	}
}

// TestParseTiny checks the small built font: its characters, composites
// and the character above the BMP, and that an unpadded last table is
// padded in Data.
func TestParseTiny(t *testing.T) {
	tiny := tinyFont(t)
	f, err := Parse("tiny.ttf", tiny)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range string(tinySimple) + string([]rune{tinyComposite, tinyNested, tinyAstral}) {
		if !f.Has(r) || f.Advance(r) <= 0 {
			t.Errorf("%q: Has %v, advance %v", r, f.Has(r), f.Advance(r))
		}
	}
	if f.Has('D') || f.glyph(tinyAstral) != f.glyph('中') || f.PostScriptName() != "ZsdocTest-Regular" {
		t.Errorf("D %v, astral glyph %d, name %s", f.Has('D'), f.glyph(tinyAstral), f.PostScriptName())
	}
	// post is the last table: make it 31 bytes and cut the file's last byte.
	cut := put32(bytes.Clone(tiny), dirEntry(t, tiny, "post")+12, 31)[:len(tiny)-1]
	f, err = Parse("cut.ttf", cut)
	if err != nil {
		t.Fatal(err)
	}
	if d := f.Data(); len(d) != len(tiny) || !bytes.Equal(d[:len(cut)], cut) {
		t.Errorf("Data() of an unpadded font is %d bytes, want %d", len(d), len(tiny))
	}
}

// TestCmapWorkBounded feeds parseCmap subtables that would take minutes
// to read if loops followed their counts: many records sharing a large
// format 12 subtable, format 4 segments that all start at U+0000, and too
// many distinct subtables.
func TestCmapWorkBounded(t *testing.T) {
	const records, groups, segs = 30000, 20000, 8000
	header := func(n int) []byte { return be(nil, 0, n) }

	// records × groups = 600 million steps if each record were walked.
	cmap := header(records)
	for range records {
		cmap = be(cmap, 3, 10, uint32(4+8*records))
	}
	cmap = be(cmap, 12, 0, uint32(16+12*groups), uint32(0), uint32(groups))
	for g := range groups {
		cmap = be(cmap, uint32(0x20000+2*g), uint32(0x20000+2*g), uint32(1))
	}
	f := &Face{}
	start := time.Now()
	if err := f.parseCmap(cmap, 2, false); err != nil || !f.Has(0x20000) || f.Has(0x20001) || mappedCount(f) != groups {
		t.Errorf("shared format 12: %v, %d characters", err, mappedCount(f))
	}

	// segs overlapping segments: half a billion steps if each were walked.
	cmap = be(header(1), 3, 1, uint32(12))
	cmap = be(cmap, 4, 16+8*segs, 0, 2*segs, 0, 0, 0)
	for s := range segs - 1 {
		cmap = be(cmap, s) // ends 0, 1, …
	}
	cmap = be(cmap, 0xFFFF)
	cmap = be(cmap, 0)
	cmap = append(cmap, make([]byte, 2*segs)...) // starts: all 0
	cmap = append(cmap, make([]byte, 4*segs)...) // deltas and idRangeOffsets: 0
	f = &Face{}
	if err := f.parseCmap(cmap, 0xFFFF, false); err != nil || f.glyph('A') != 'A' {
		t.Errorf("overlapping format 4: %v, A → %d", err, f.glyph('A'))
	}
	if el := time.Since(start); el > time.Second {
		t.Errorf("took %v", el)
	}

	// Distinct subtables beyond the bound are refused.
	n := maxUnicodeSubtables + 1
	cmap = header(n)
	for i := range n {
		cmap = be(cmap, 3, 10, uint32(4+8*n+16*i))
	}
	for range n {
		cmap = be(cmap, 12, 0, uint32(16), uint32(0), uint32(0)) // no groups
	}
	if err := (&Face{}).parseCmap(cmap, 10, false); err == nil || !strings.Contains(err.Error(), "子表超过") {
		t.Errorf("%d subtables: %v", n, err)
	}
}

// TestLoadFileTooLarge checks that LoadFile refuses a huge file without
// reading it all (the file is sparse: 4 GiB that take no disk).
func TestLoadFileTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.ttf")
	if err := os.WriteFile(path, tinyFont(t), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, 4<<30); err != nil {
		t.Skip("no sparse files here:", err)
	}
	_, err := LoadFile(path)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "huge.ttf") {
		t.Errorf("a 4 GiB file: %v", err)
	}
}

// mappedCount returns how many characters a face maps.
func mappedCount(f *Face) int {
	n := 0
	f.cmap.each(func(rune, uint16) { n++ })
	return n
}
