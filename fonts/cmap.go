package fonts

import (
	"encoding/binary"
	"slices"
)

const (
	// maxMapped bounds the code points a cmap subtable may map: a real CJK
	// font maps fewer than 100,000.
	maxMapped = 1 << 18
	// maxUnicodeSubtables bounds the distinct Unicode subtables checked:
	// real fonts have two to five.
	maxUnicodeSubtables = 16
)

// parseCmap checks every Unicode subtable of format 4 or 12 (any of them may
// be what a PDF writer or viewer reads) and maps characters to glyphs with
// the best: format 12 (full Unicode) when present, else format 4 (BMP).
// A subtable that maps a character to a glyph the font lacks, or reaches
// outside the table, makes the font unusable. trusted checks only the
// subtables' headers, not their entries (for the embedded fonts).
func (f *Face) parseCmap(cmap []byte, numGlyphs int, trusted bool) error {
	if len(cmap) < 4 {
		return errCorrupt("cmap", "只有 %d 字节", len(cmap))
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	if 4+8*n > len(cmap) {
		return errCorrupt("cmap", "子表目录超出表的范围")
	}
	var best12, best4 []byte
	// The subtables checked, by offset: records often share one.
	type subtable struct {
		off uint32
		b   []byte
	}
	var checked []subtable
	for i := 0; i < n; i++ {
		rec := cmap[4+8*i:]
		pid := binary.BigEndian.Uint16(rec)
		eid := binary.BigEndian.Uint16(rec[2:])
		off := binary.BigEndian.Uint32(rec[4:])
		if pid != 0 && !(pid == 3 && (eid == 1 || eid == 10)) {
			continue // not Unicode
		}
		if uint64(off)+4 > uint64(len(cmap)) {
			return errCorrupt("cmap", "Unicode 子表 %d/%d 超出表的范围", pid, eid)
		}
		format := binary.BigEndian.Uint16(cmap[off:])
		if format != 4 && format != 12 {
			continue // e.g. format 14, variation sequences
		}
		k := slices.IndexFunc(checked, func(s subtable) bool { return s.off == off })
		if k < 0 {
			if len(checked) == maxUnicodeSubtables {
				return errCorrupt("cmap", "Unicode 子表超过 %d 个", maxUnicodeSubtables)
			}
			sub := subtable{off: off}
			var err error
			if format == 12 {
				sub.b, err = check12(cmap[off:], numGlyphs, !trusted)
			} else {
				sub.b, err = check4(cmap[off:], numGlyphs, !trusted)
			}
			if err != nil {
				return err
			}
			k, checked = len(checked), append(checked, sub)
		}
		if format == 12 {
			best12 = checked[k].b
		} else {
			best4 = checked[k].b
		}
	}
	switch {
	case best12 != nil:
		f.cmap = cmapLookup{format: 12, sub: best12}
	case best4 != nil:
		f.cmap = cmapLookup{format: 4, sub: best4}
		if !sortedSegments(best4) {
			// Lookups take the first segment that ends at or after a
			// character; unsorted, that takes a walk: map every character now.
			f.cmap = cmapLookup{bmp: make([]uint16, 0x10000)}
			eachMapping(4, best4, f.cmap.set)
		}
	default:
		return &corruptError{"没有 Unicode 字符映射（cmap）"}
	}
	return nil
}

// check12 checks a format 12 subtable: its groups inside it, sorted and
// not overlapping, at most maxMapped valid code points (U+10FFFF at most,
// no surrogates), every one mapped to a glyph below numGlyphs. It returns
// the subtable cut to its length. Work is linear in the number of groups;
// without full, only the header is checked.
func check12(b []byte, numGlyphs int, full bool) ([]byte, error) {
	if len(b) < 16 {
		return nil, errCorrupt("cmap", "格式 12 子表头不完整")
	}
	length := binary.BigEndian.Uint32(b[4:])
	if length < 16 || uint64(length) > uint64(len(b)) {
		return nil, errCorrupt("cmap", "格式 12 子表长度 %d 超出表的范围", length)
	}
	b = b[:length]
	groups := binary.BigEndian.Uint32(b[12:])
	if uint64(groups) > uint64(length-16)/12 {
		return nil, errCorrupt("cmap", "格式 12 子表的 %d 个分组超出子表的范围", groups)
	}
	if !full {
		return b, nil
	}
	total := 0
	prevEnd := int64(-1)
	for i := 0; i < int(groups); i++ {
		start, hi, gid := group12(b, i)
		end := binary.BigEndian.Uint32(b[16+12*i+4:])
		if start > end || int64(start) <= prevEnd {
			return nil, errCorrupt("cmap", "格式 12 子表的分组 %d（U+%04X–U+%04X）顺序错误或与前一组重叠", i, start, end)
		}
		prevEnd = int64(end)
		if start > hi {
			continue // beyond U+10FFFF
		}
		total += int(hi-start) + 1 - surrogates(start, hi)
		if total > maxMapped {
			return nil, errCorrupt("cmap", "映射的字符超过 %d 个", maxMapped)
		}
		if uint64(gid)+uint64(hi-start) >= uint64(numGlyphs) {
			return nil, errCorrupt("cmap", "U+%04X–U+%04X 映射到不存在的字形（字体只有 %d 个字形）", start, hi, numGlyphs)
		}
	}
	return b, nil
}

// group12 returns group i of a format 12 subtable: its first code point,
// its last clipped to U+10FFFF, and its first glyph.
func group12(b []byte, i int) (start, hi, gid uint32) {
	g := b[16+12*i:]
	start = binary.BigEndian.Uint32(g)
	hi = min(binary.BigEndian.Uint32(g[4:]), 0x10FFFF)
	return start, hi, binary.BigEndian.Uint32(g[8:])
}

// surrogates returns how many of the code points lo..hi are surrogates.
func surrogates(lo, hi uint32) int {
	a, b := max(lo, 0xD800), min(hi, 0xDFFF)
	if a > b {
		return 0
	}
	return int(b-a) + 1
}

// format4 is a format 4 subtable and where its arrays are.
type format4 struct {
	b                                    []byte
	segs                                 int
	endOff, startOff, deltaOff, rangeOff int
}

func newFormat4(b []byte) *format4 {
	segs := int(binary.BigEndian.Uint16(b[6:])) / 2
	t := &format4{b: b, segs: segs, endOff: 14}
	t.startOff = t.endOff + 2*segs + 2
	t.deltaOff = t.startOff + 2*segs
	t.rangeOff = t.deltaOff + 2*segs
	return t
}

// seg returns segment s.
func (t *format4) seg(s int) (start, end, delta, ro int) {
	u := func(off int) int { return int(binary.BigEndian.Uint16(t.b[off+2*s:])) }
	return u(t.startOff), u(t.endOff), u(t.deltaOff), u(t.rangeOff)
}

// each calls fn for every segment s with the characters lo..hi it maps:
// from its start or past the end of every earlier segment, to its end or
// U+FFFE. That is what lookups that take the first segment ending at or
// after a character find, and it bounds the work to 65,536 characters
// plus the segments. Segments that map nothing are skipped.
func (t *format4) each(fn func(s, lo, hi, start, delta, ro int) error) error {
	prevEnd := -1
	for s := 0; s < t.segs; s++ {
		start, end, delta, ro := t.seg(s)
		lo, hi := max(start, prevEnd+1), min(end, 0xFFFE)
		prevEnd = max(prevEnd, end)
		if lo > hi {
			continue
		}
		if err := fn(s, lo, hi, start, delta, ro); err != nil {
			return err
		}
	}
	return nil
}

// check4 checks a format 4 subtable: its arrays inside its length, inside
// the table; the last segment ending at U+FFFF; idRangeOffsets even and
// pointing into glyphIdArray; every character mapped to a glyph below
// numGlyphs. It returns the subtable cut to its length. Without full,
// only the header and the last segment are checked.
func check4(b []byte, numGlyphs int, full bool) ([]byte, error) {
	if len(b) < 14 {
		return nil, errCorrupt("cmap", "格式 4 子表头不完整")
	}
	t := newFormat4(b)
	length := int(binary.BigEndian.Uint16(b[2:]))
	if t.segs == 0 || length < t.rangeOff+2*t.segs || length > len(b) {
		return nil, errCorrupt("cmap", "格式 4 子表长度 %d 与 %d 个分段不符或超出表的范围", length, t.segs)
	}
	t.b = b[:length]
	if _, end, _, _ := t.seg(t.segs - 1); end != 0xFFFF {
		return nil, errCorrupt("cmap", "格式 4 子表的最后一段不以 U+FFFF 结束")
	}
	if !full {
		return t.b, nil
	}
	glyphIDs := t.rangeOff + 2*t.segs
	err := t.each(func(s, lo, hi, start, delta, ro int) error {
		if ro == 0 {
			if g := (lo + delta) & 0xFFFF; g+hi-lo >= numGlyphs {
				return errCorrupt("cmap", "U+%04X–U+%04X 映射到不存在的字形（字体只有 %d 个字形）", lo, hi, numGlyphs)
			}
			return nil
		}
		at := t.rangeOff + 2*s + ro + 2*(lo-start)
		if ro&1 != 0 || at < glyphIDs || at+2*(hi-lo)+2 > length {
			return errCorrupt("cmap", "格式 4 子表第 %d 段的 idRangeOffset 超出 glyphIdArray", s)
		}
		for c := lo; c <= hi; c, at = c+1, at+2 {
			if g := int(binary.BigEndian.Uint16(t.b[at:])); g != 0 && (g+delta)&0xFFFF >= numGlyphs {
				return errCorrupt("cmap", "U+%04X 映射到不存在的字形（字体只有 %d 个字形）", c, numGlyphs)
			}
		}
		return nil
	})
	return t.b, err
}
