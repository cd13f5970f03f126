package fonts

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"unicode/utf16"
)

// cmapPair is a character and its glyph in a subset, packed to sort
// fast: the character above the glyph.
type cmapPair uint64

func newPair(r rune, g uint16) cmapPair { return cmapPair(uint64(r)<<16 | uint64(g)) }
func (p cmapPair) r() rune              { return rune(p >> 16) }
func (p cmapPair) g() uint16            { return uint16(p) }

// segment4 is a format 4 segment: characters start..end mapped by idDelta
// (array < 0) or through glyphIdArray from index array.
type segment4 struct {
	start, end rune
	delta      int32
	array      int32
}

// subsetCmap writes a cmap that maps runes[i] to glyph i (a rune of 0,
// above U+10FFFF, a surrogate or U+FFFF maps nothing, nor does glyph 0; a
// rune given twice maps to its first glyph): a format 4 subtable under the
// Unicode BMP and Windows BMP records, and, when a character is above the
// BMP or the BMP characters need more segments than format 4's 64 KiB
// hold, a format 12 subtable with every character under the Unicode full
// and Windows full records.
func subsetCmap(runes []rune) []byte {
	pairs := make([]cmapPair, 0, len(runes))
	for i, r := range runes {
		if i > 0 && r > 0 && r <= 0x10FFFF && r != 0xFFFF && (r < 0xD800 || r > 0xDFFF) {
			pairs = append(pairs, newPair(r, uint16(i)))
		}
	}
	slices.Sort(pairs) // by character, then glyph
	pairs = slices.CompactFunc(pairs, func(a, b cmapPair) bool { return a.r() == b.r() })
	bmp, _ := slices.BinarySearch(pairs, newPair(0x10000, 0))

	// Format 4: a segment per run of consecutive characters, by idDelta
	// when their glyphs are consecutive too, else through glyphIdArray.
	segs := make([]segment4, 0, bmp+1)
	arrayLen := 0
	for i := 0; i < bmp; {
		j := i + 1
		for j < bmp && pairs[j].r() == pairs[j-1].r()+1 {
			j++
		}
		s := segment4{start: pairs[i].r(), end: pairs[j-1].r(), delta: int32(pairs[i].g()) - pairs[i].r(), array: -1}
		for k := i + 1; k < j; k++ {
			if int32(pairs[k].g())-pairs[k].r() != s.delta {
				s.delta, s.array = 0, int32(arrayLen)
				arrayLen += j - i
				break
			}
		}
		if 16+8*(len(segs)+2)+2*arrayLen > 0xFFFF {
			break // the rest only in format 12
		}
		segs = append(segs, s)
		i = j
	}
	mapped4 := 0
	for _, s := range segs {
		mapped4 += int(s.end-s.start) + 1
	}
	segs = append(segs, segment4{start: 0xFFFF, end: 0xFFFF, delta: 1, array: -1})
	arrayLen = 0
	for _, s := range segs {
		if s.array >= 0 {
			arrayLen += int(s.end-s.start) + 1
		}
	}
	len4 := 16 + 8*len(segs) + 2*arrayLen

	// Format 12: a group per run of consecutive characters and glyphs.
	groups := 0
	if mapped4 < len(pairs) {
		for i := range pairs {
			if i == 0 || pairs[i].r() != pairs[i-1].r()+1 || pairs[i].g() != pairs[i-1].g()+1 {
				groups++
			}
		}
	}
	records := 2
	if groups > 0 {
		records = 4
	}
	off4 := 4 + 8*records
	off12 := off4 + len4
	out := make([]byte, off12+16*min(groups, 1)+12*groups)
	be := binary.BigEndian
	be.PutUint16(out[2:], uint16(records))
	rec := func(i int, platform, encoding uint16, off int) {
		be.PutUint16(out[4+8*i:], platform)
		be.PutUint16(out[6+8*i:], encoding)
		be.PutUint32(out[8+8*i:], uint32(off))
	}
	if groups == 0 {
		rec(0, 0, 3, off4)
		rec(1, 3, 1, off4)
	} else {
		rec(0, 0, 3, off4)
		rec(1, 0, 4, off12)
		rec(2, 3, 1, off4)
		rec(3, 3, 10, off12)
	}
	writeFormat4(out[off4:off12], segs, pairs)
	if groups > 0 {
		writeFormat12(out[off12:], groups, pairs)
	}
	return out
}

// writeFormat4 writes a format 4 subtable of the segments (the last one
// U+FFFF) into b, its exact size; pairs give the glyphIdArray.
func writeFormat4(b []byte, segs []segment4, pairs []cmapPair) {
	be := binary.BigEndian
	n := len(segs)
	pow := 1 << (bits.Len(uint(n)) - 1)
	be.PutUint16(b, 4)
	be.PutUint16(b[2:], uint16(len(b)))
	be.PutUint16(b[6:], uint16(2*n))
	be.PutUint16(b[8:], uint16(2*pow))
	be.PutUint16(b[10:], uint16(bits.Len(uint(pow))-1))
	be.PutUint16(b[12:], uint16(2*n-2*pow))
	ends, starts := b[14:], b[16+2*n:]
	deltas, ranges := b[16+4*n:], b[16+6*n:]
	array := b[16+8*n:]
	p := 0 // the next pair
	for s, seg := range segs {
		be.PutUint16(ends[2*s:], uint16(seg.end))
		be.PutUint16(starts[2*s:], uint16(seg.start))
		be.PutUint16(deltas[2*s:], uint16(seg.delta))
		for p < len(pairs) && pairs[p].r() < seg.start {
			p++
		}
		if seg.array < 0 {
			continue
		}
		be.PutUint16(ranges[2*s:], uint16(2*(n-s)+2*int(seg.array)))
		for k := 0; k <= int(seg.end-seg.start); k++ {
			be.PutUint16(array[2*(int(seg.array)+k):], pairs[p+k].g())
		}
	}
}

// writeFormat12 writes a format 12 subtable of every pair, in groups of
// consecutive characters and glyphs, into b, its exact size.
func writeFormat12(b []byte, groups int, pairs []cmapPair) {
	be := binary.BigEndian
	be.PutUint16(b, 12)
	be.PutUint32(b[4:], uint32(len(b)))
	be.PutUint32(b[12:], uint32(groups))
	k := -1
	for i, p := range pairs {
		if i == 0 || p.r() != pairs[i-1].r()+1 || p.g() != pairs[i-1].g()+1 {
			k++
			be.PutUint32(b[16+12*k:], uint32(p.r()))
			be.PutUint32(b[24+12*k:], uint32(p.g()))
		}
		be.PutUint32(b[20+12*k:], uint32(p.r()))
	}
}

// minimalName writes a name table with the family (name ID 1) and the
// PostScript name (ID 6) as Windows Unicode English records, for a subset
// of a font without a name table.
func minimalName(family, psName string) []byte {
	if psName == "" {
		psName = "Subset"
	}
	if family == "" {
		family = psName
	}
	fam, ps := utf16.Encode([]rune(family)), utf16.Encode([]rune(psName))
	be := binary.BigEndian
	b := make([]byte, 6+2*12+2*(len(fam)+len(ps)))
	be.PutUint16(b[2:], 2)
	be.PutUint16(b[4:], 6+2*12)
	for i, rec := range []struct {
		id       uint16
		s        []uint16
		at, size int
	}{{1, fam, 0, 2 * len(fam)}, {6, ps, 2 * len(fam), 2 * len(ps)}} {
		r := b[6+12*i:]
		be.PutUint16(r, 3)
		be.PutUint16(r[2:], 1)
		be.PutUint16(r[4:], 0x409)
		be.PutUint16(r[6:], rec.id)
		be.PutUint16(r[8:], uint16(rec.size))
		be.PutUint16(r[10:], uint16(rec.at))
		for k, u := range rec.s {
			be.PutUint16(b[30+rec.at+2*k:], u)
		}
	}
	return b
}
