package fonts

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"testing"
)

// checkChecksums recomputes a font's table checksums and head's
// checkSumAdjustment, and checks its directory: sorted tags, tables at
// four-byte boundaries inside the file without overlaps, zero padding,
// searchRange, entrySelector and rangeShift.
func checkChecksums(t *testing.T, font []byte) {
	t.Helper()
	be := binary.BigEndian
	n := int(be.Uint16(font[4:]))
	pow, log := 1, 0
	for pow*2 <= n {
		pow, log = pow*2, log+1
	}
	if sr, es, rs := be.Uint16(font[6:]), be.Uint16(font[8:]), be.Uint16(font[10:]); int(sr) != 16*pow || int(es) != log || int(rs) != 16*n-16*pow {
		t.Errorf("searchRange %d, entrySelector %d, rangeShift %d for %d tables", sr, es, rs, n)
	}
	sum := func(b []byte) uint32 {
		var s uint32
		for len(b)%4 != 0 {
			b = append(b[:len(b):len(b)], 0)
		}
		for i := 0; i < len(b); i += 4 {
			s += be.Uint32(b[i:])
		}
		return s
	}
	end, prev := 12+16*n, ""
	for i := range n {
		rec := font[12+16*i:]
		tag, want, off, ln := string(rec[:4]), be.Uint32(rec[4:]), int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
		if tag <= prev || off%4 != 0 || off < end || off+ln > len(font) {
			t.Fatalf("table %q at %d, %d bytes, after %q ending at %d", tag, off, ln, prev, end)
		}
		if slices.ContainsFunc(font[end:off], func(b byte) bool { return b != 0 }) {
			t.Errorf("non-zero padding before %q", tag)
		}
		table := bytes.Clone(font[off : off+ln])
		if tag == "head" {
			be.PutUint32(table[8:], 0)
		}
		if got := sum(table); got != want {
			t.Errorf("%q: checksum %08X, directory says %08X", tag, got, want)
		}
		prev, end = tag, off+ln
	}
	if len(font) != (end+3)&^3 {
		t.Errorf("the font is %d bytes, its last table ends at %d", len(font), end)
	}
	if s := sum(font); s != 0xB1B0AFBA {
		t.Errorf("the whole font sums to %08X, want B1B0AFBA (checkSumAdjustment)", s)
	}
}

// TestWriteSFNT writes fonts of 1 to 20 tables of every length modulo
// four, in no order: the directory, padding and checksums are right, and
// the tables are there as given.
func TestWriteSFNT(t *testing.T) {
	for n := 1; n <= 20; n++ {
		var tabs []outTable
		want := map[string][]byte{}
		for i := range n {
			tag := fmt.Sprintf("t%03d", (n-i)*37%1000) // out of order
			b := make([]byte, 3+i*5)
			for k := range b {
				b[k] = byte(i*31 + k)
			}
			if i == 0 {
				tag, b = "head", make([]byte, 54)
				b[8] = 0xFF // a stale checkSumAdjustment
			}
			want[tag] = b
			if i%2 == 0 {
				tabs = append(tabs, outTable{tag: tag, data: b})
			} else {
				tabs = append(tabs, outTable{tag: tag, size: len(b), write: func(dst []byte) { copy(dst, b) }})
			}
		}
		font := writeSFNT(tabs)
		checkChecksums(t, font)
		got, _, err := readDirectory(font, 0)
		if err != nil || len(got) != n {
			t.Fatalf("%d tables: %v, %d read", n, err, len(got))
		}
		for tag, b := range want {
			if tag != "head" && !bytes.Equal(got[tag], b) {
				t.Errorf("%d tables: %q differs", n, tag)
			}
		}
		if want["head"][8] != 0xFF {
			t.Error("writeSFNT changed the caller's head")
		}
	}
}
