package fonts

import (
	"encoding/binary"
	"unicode/utf16"
)

// parseCmap reads the best Unicode cmap subtable: format 12 (full Unicode)
// when present, else format 4 (BMP).
func (f *Face) parseCmap(cmap []byte, numGlyphs int) error {
	if len(cmap) < 4 {
		return errCorrupt("cmap")
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	var best12, best4 []byte
	for i := 0; i < n; i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return errCorrupt("cmap")
		}
		pid := binary.BigEndian.Uint16(cmap[rec:])
		eid := binary.BigEndian.Uint16(cmap[rec+2:])
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if off+4 > len(cmap) {
			continue
		}
		unicode := pid == 0 || (pid == 3 && (eid == 1 || eid == 10))
		if !unicode {
			continue
		}
		switch binary.BigEndian.Uint16(cmap[off:]) {
		case 12:
			best12 = cmap[off:]
		case 4:
			best4 = cmap[off:]
		}
	}
	f.bmp = make([]uint16, 0x10000)
	switch {
	case best12 != nil:
		return f.cmap12(best12, numGlyphs)
	case best4 != nil:
		return f.cmap4(best4, numGlyphs)
	}
	return errCorrupt("没有 Unicode 字符映射（cmap）")
}

func (f *Face) set(r rune, g uint32, numGlyphs int) {
	if g == 0 || int(g) >= numGlyphs {
		return
	}
	if r < 0x10000 {
		f.bmp[r] = uint16(g)
		return
	}
	if f.astral == nil {
		f.astral = make(map[rune]uint16)
	}
	f.astral[r] = uint16(g)
}

func (f *Face) cmap12(b []byte, numGlyphs int) error {
	if len(b) < 16 {
		return errCorrupt("cmap 12")
	}
	groups := int(binary.BigEndian.Uint32(b[12:]))
	if 16+12*groups > len(b) {
		return errCorrupt("cmap 12")
	}
	for i := 0; i < groups; i++ {
		g := b[16+12*i:]
		start := binary.BigEndian.Uint32(g)
		end := binary.BigEndian.Uint32(g[4:])
		gid := binary.BigEndian.Uint32(g[8:])
		if end < start || end > 0x10FFFF {
			return errCorrupt("cmap 12")
		}
		for c := start; c <= end; c++ {
			f.set(rune(c), gid+(c-start), numGlyphs)
		}
	}
	return nil
}

func (f *Face) cmap4(b []byte, numGlyphs int) error {
	if len(b) < 14 {
		return errCorrupt("cmap 4")
	}
	segs := int(binary.BigEndian.Uint16(b[6:])) / 2
	endOff := 14
	startOff := endOff + 2*segs + 2
	deltaOff := startOff + 2*segs
	rangeOff := deltaOff + 2*segs
	if rangeOff+2*segs > len(b) {
		return errCorrupt("cmap 4")
	}
	for s := 0; s < segs; s++ {
		end := int(binary.BigEndian.Uint16(b[endOff+2*s:]))
		start := int(binary.BigEndian.Uint16(b[startOff+2*s:]))
		delta := int(binary.BigEndian.Uint16(b[deltaOff+2*s:]))
		ro := int(binary.BigEndian.Uint16(b[rangeOff+2*s:]))
		for c := start; c <= end && c != 0xFFFF; c++ {
			var g int
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				at := rangeOff + 2*s + ro + 2*(c-start)
				if at+2 > len(b) {
					return errCorrupt("cmap 4")
				}
				g = int(binary.BigEndian.Uint16(b[at:]))
				if g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			f.set(rune(c), uint32(g), numGlyphs)
		}
	}
	return nil
}

// familyName returns the family name (name ID 16, or 1) from the name
// table, preferring a Windows Unicode English record.
func familyName(b []byte) string { return nameRecord(b, 16, 1) }

// postScriptName returns the PostScript name (name ID 6).
func postScriptName(b []byte) string { return nameRecord(b, 6, 6) }

// nameRecord returns name ID prefer, else name ID other, from the name
// table's Windows Unicode records, English first.
func nameRecord(b []byte, prefer, other uint16) string {
	if len(b) < 6 {
		return ""
	}
	count := int(binary.BigEndian.Uint16(b[2:]))
	strOff := int(binary.BigEndian.Uint16(b[4:]))
	best, bestScore := "", -1
	for i := 0; i < count; i++ {
		rec := 6 + 12*i
		if rec+12 > len(b) {
			break
		}
		pid := binary.BigEndian.Uint16(b[rec:])
		lang := binary.BigEndian.Uint16(b[rec+4:])
		id := binary.BigEndian.Uint16(b[rec+6:])
		ln := int(binary.BigEndian.Uint16(b[rec+8:]))
		off := strOff + int(binary.BigEndian.Uint16(b[rec+10:]))
		if (id != prefer && id != other) || off+ln > len(b) || pid != 3 {
			continue
		}
		score := 0
		if id == prefer {
			score += 2
		}
		if lang == 0x409 {
			score++
		}
		if score > bestScore {
			raw := b[off : off+ln]
			u := make([]uint16, len(raw)/2)
			for j := range u {
				u[j] = binary.BigEndian.Uint16(raw[2*j:])
			}
			best, bestScore = string(utf16.Decode(u)), score
		}
	}
	return best
}
