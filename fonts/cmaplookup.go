package fonts

import "encoding/binary"

// cmapLookup maps characters to glyphs. It searches the chosen checked
// subtable (format 12, or format 4 with its segments sorted by end) on
// each lookup, so that parsing a font does not map all its characters:
// a document looks up a few thousand characters, fewer than a CJK font
// maps. A format 4 subtable with unsorted segments is mapped at parse time
// instead (format 0 here), into bmp.
type cmapLookup struct {
	format int    // 12 or 4: search sub; 0: use bmp
	sub    []byte // the subtable, cut to its length and checked
	bmp    []uint16
}

// glyph returns the glyph of r, 0 for none. Surrogates, U+FFFF and what is
// not a code point map to no glyph.
func (f *Face) glyph(r rune) uint16 {
	if r < 0 || r > 0x10FFFF || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF) {
		return 0
	}
	c := &f.cmap
	switch {
	case c.format == 12:
		return lookup12(c.sub, uint32(r))
	case r > 0xFFFF:
		return 0
	case c.format == 4:
		return lookup4(c.sub, int(r))
	case c.bmp != nil:
		return c.bmp[r]
	}
	return 0
}

// lookup12 finds c in a checked format 12 subtable: the group whose end is
// the first at or after c (the groups are sorted and do not overlap).
func lookup12(b []byte, c uint32) uint16 {
	n := int(binary.BigEndian.Uint32(b[12:]))
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if binary.BigEndian.Uint32(b[16+12*m+4:]) < c {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == n {
		return 0
	}
	g := b[16+12*lo:]
	start := binary.BigEndian.Uint32(g)
	if c < start {
		return 0
	}
	return uint16(binary.BigEndian.Uint32(g[8:]) + (c - start))
}

// lookup4 finds c (below U+FFFF) in a checked format 4 subtable whose
// segment ends do not decrease: the first segment that ends at or after c
// maps it, as every reader does.
func lookup4(b []byte, c int) uint16 {
	segs := int(binary.BigEndian.Uint16(b[6:])) / 2
	u := func(off int) int { return int(binary.BigEndian.Uint16(b[off:])) }
	const endOff = 14
	lo, hi := 0, segs
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if u(endOff+2*m) < c {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == segs {
		return 0
	}
	startOff := endOff + 2*segs + 2
	deltaOff := startOff + 2*segs
	rangeOff := deltaOff + 2*segs
	start, delta, ro := u(startOff+2*lo), u(deltaOff+2*lo), u(rangeOff+2*lo)
	if c < start {
		return 0
	}
	if ro == 0 {
		return uint16(c + delta)
	}
	g := u(rangeOff + 2*lo + ro + 2*(c-start))
	if g == 0 {
		return 0
	}
	return uint16(g + delta)
}

// sortedSegments reports whether the segment ends of a checked format 4
// subtable do not decrease, so that lookup4 can search them.
func sortedSegments(b []byte) bool {
	segs := int(binary.BigEndian.Uint16(b[6:])) / 2
	prev := uint16(0)
	for s := 0; s < segs; s++ {
		end := binary.BigEndian.Uint16(b[14+2*s:])
		if end < prev {
			return false
		}
		prev = end
	}
	return true
}

// set maps r (in the BMP) to glyph g in bmp.
func (c *cmapLookup) set(r rune, g uint16) { c.bmp[r] = g }

// each calls fn for every character the face maps to a glyph (not 0), in
// the order of the subtable: what glyph returns for it.
func (c *cmapLookup) each(fn func(r rune, g uint16)) {
	if c.format != 0 {
		eachMapping(c.format, c.sub, fn)
		return
	}
	for r, g := range c.bmp {
		if g != 0 {
			fn(rune(r), g)
		}
	}
}

// eachMapping calls fn for every character a checked subtable maps to a
// glyph (not 0), leaving out surrogates and U+FFFF. For format 4, a
// character is mapped by the first segment that ends at or after it.
func eachMapping(format int, b []byte, fn func(r rune, g uint16)) {
	emit := func(c, g uint32) {
		if g != 0 && c != 0xFFFF && (c < 0xD800 || c > 0xDFFF) {
			fn(rune(c), uint16(g))
		}
	}
	if format == 12 {
		groups := int(binary.BigEndian.Uint32(b[12:]))
		for i := 0; i < groups; i++ {
			start, hi, gid := group12(b, i)
			for c := start; c <= hi; c++ {
				if c >= 0xD800 && c <= 0xDFFF {
					c = 0xDFFF // skip the surrogates
					continue
				}
				emit(c, gid+(c-start))
			}
		}
		return
	}
	t := newFormat4(b)
	_ = t.each(func(s, lo, hi, start, delta, ro int) error {
		for c := lo; c <= hi; c++ {
			g := (c + delta) & 0xFFFF
			if ro != 0 {
				g = int(binary.BigEndian.Uint16(b[t.rangeOff+2*s+ro+2*(c-start):]))
				if g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			emit(uint32(c), uint32(g))
		}
		return nil
	})
}
