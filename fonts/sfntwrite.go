package fonts

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
)

// outTable is a table for writeSFNT: its bytes, or its size and a
// function that fills it in place (to write a large table without a
// second copy).
type outTable struct {
	tag   string
	data  []byte
	size  int
	write func(dst []byte) // fills dst, size zeroed bytes; nil: copy data
}

func (t *outTable) len() int {
	if t.write != nil {
		return t.size
	}
	return len(t.data)
}

// writeSFNT writes a TrueType font file of the tables: the directory
// sorted by tag with searchRange, entrySelector and rangeShift, each table
// at a four-byte boundary padded with zeros, each table's checksum, and
// head's checkSumAdjustment (head must be one of the tables, at least 12
// bytes; the caller's bytes are not modified). It allocates the file and
// nothing else.
func writeSFNT(tabs []outTable) []byte {
	slices.SortFunc(tabs, func(a, b outTable) int { return strings.Compare(a.tag, b.tag) })
	n := len(tabs)
	size := 12 + 16*n
	for i := range tabs {
		size += (tabs[i].len() + 3) &^ 3
	}
	out := make([]byte, size)
	pow := 0 // the largest power of two ≤ n
	if n > 0 {
		pow = 1 << (bits.Len(uint(n)) - 1)
	}
	be := binary.BigEndian
	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	be.PutUint16(out[6:], uint16(16*pow))
	be.PutUint16(out[8:], uint16(max(bits.Len(uint(pow))-1, 0)))
	be.PutUint16(out[10:], uint16(16*(n-pow)))
	off := 12 + 16*n
	var total uint32
	head := -1
	for i := range tabs {
		t := &tabs[i]
		ln := t.len()
		dst := out[off : off+ln]
		if t.write != nil {
			t.write(dst)
		} else {
			copy(dst, t.data)
		}
		if t.tag == "head" {
			be.PutUint32(dst[8:], 0) // checkSumAdjustment, computed below
			head = off
		}
		sum := checksum(out[off : off+(ln+3)&^3])
		rec := out[12+16*i:]
		copy(rec, t.tag)
		be.PutUint32(rec[4:], sum)
		be.PutUint32(rec[8:], uint32(off))
		be.PutUint32(rec[12:], uint32(ln))
		total += sum
		off += (ln + 3) &^ 3
	}
	total += checksum(out[:12+16*n])
	if head >= 0 {
		be.PutUint32(out[head+8:], 0xB1B0AFBA-total)
	}
	return out
}

// checksum returns the TrueType checksum of b: the sum of its big-endian
// uint32s, b padded with zeros to a multiple of four.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 16 {
		sum += binary.BigEndian.Uint32(b) + binary.BigEndian.Uint32(b[4:]) +
			binary.BigEndian.Uint32(b[8:]) + binary.BigEndian.Uint32(b[12:])
		b = b[16:]
	}
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}
