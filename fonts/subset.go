package fonts

import (
	"encoding/binary"
	"fmt"
)

// Subset writes a TrueType font with the glyphs gids of the face, for
// embedding in a PDF: gids[i], a glyph id of the face, becomes glyph i of
// the subset. gids[0] must be 0 (.notdef) and no id may appear twice.
// The components of composite glyphs that gids lacks are appended, as
// glyphs len(gids), len(gids)+1, … in the order the glyphs that use them
// come (breadth first), and the composites are rewritten to name their
// components' new ids.
//
// runes, nil or as long as gids, gives the character of each glyph (0 for
// none): the subset's cmap (format 4, and format 12 when a character is
// above the BMP) maps them to the new ids, the first glyph of a character
// given twice.
//
// The subset has the tables cmap, glyf, head, hhea, hmtx, loca, maxp, name
// and post (version 3, no glyph names), and OS/2, cvt, fpgm and prep when
// the face has them; each glyph's data is copied as it is, and head's
// checkSumAdjustment and every table checksum are set. The same arguments
// give the same bytes. Its work is proportional to the glyphs it copies,
// not to the face's number of glyphs.
func (f *Face) Subset(gids []uint16, runes []rune) ([]byte, error) {
	if err := f.checkSubsetArgs(gids, runes); err != nil {
		return nil, err
	}
	loca, glyf := f.tab["loca"], f.tab["glyf"]
	newID := make(map[uint16]uint16, len(gids))
	for i, g := range gids {
		if _, dup := newID[g]; dup {
			return nil, fmt.Errorf("字体“%s”无法生成子集：字形 %d 出现了两次", f.name, g)
		}
		newID[g] = uint16(i)
	}
	// The glyphs, components appended; the sizes of glyf with two- and
	// four-byte alignment.
	order := gids[:len(gids):len(gids)] // appending copies
	size2, size4 := 0, 0
	for i := 0; i < len(order); i++ {
		b, err := glyphData(loca, glyf, f.longLoca, int(order[i]))
		if err != nil {
			return nil, f.subsetErr(err)
		}
		size2 += (len(b) + 1) &^ 1
		size4 += (len(b) + 3) &^ 3
		if !isComposite(b) {
			continue
		}
		var bad error
		_, _, problem := walkComposite(b, func(_ int, kid uint16) bool {
			if int(kid) >= f.numGlyphs {
				bad = errCorrupt("glyf", "组合字形 %d 引用了不存在的字形 %d", order[i], kid)
				return false
			}
			if _, ok := newID[kid]; !ok {
				if len(order) == 0xFFFF {
					bad = fmt.Errorf("子集超过 %d 个字形", 0xFFFF)
					return false
				}
				newID[kid] = uint16(len(order))
				order = append(order, kid)
			}
			return true
		})
		if bad == nil && problem != compositeOK {
			bad = errCorrupt("glyf", "组合字形 %d 的部件数据不完整", order[i])
		}
		if bad != nil {
			return nil, f.subsetErr(bad)
		}
	}
	long := size2 > 2*0xFFFF
	glyfSize := size2
	if long {
		glyfSize = size4
	}
	n := len(order)
	numHM := n // trailing glyphs as wide as the last hmtx entry need no width of their own
	for numHM > 1 && f.GlyphAdvance(order[numHM-1]) == f.GlyphAdvance(order[numHM-2]) {
		numHM--
	}

	// The tables other than glyf and cmap, in one buffer.
	head, hhea, maxp := f.tab["head"], f.tab["hhea"], f.tab["maxp"]
	locaSz, hmtxSz := locaSize(long)*(n+1), 4*numHM+2*(n-numHM)
	buf := make([]byte, len(head)+len(hhea)+len(maxp)+32+locaSz+hmtxSz)
	next := func(size int) []byte {
		b := buf[:size:size]
		buf = buf[size:]
		return b
	}
	be := binary.BigEndian
	newHead := next(len(head))
	copy(newHead, head)
	be.PutUint16(newHead[50:], uint16(locaSize(long)/4)) // indexToLocFormat
	newHhea := next(len(hhea))
	copy(newHhea, hhea)
	be.PutUint16(newHhea[34:], uint16(numHM))
	newMaxp := next(len(maxp))
	copy(newMaxp, maxp)
	be.PutUint16(newMaxp[4:], uint16(n))
	post := next(32)
	be.PutUint32(post, 0x00030000)
	if old := f.tab["post"]; len(old) >= 16 {
		copy(post[4:16], old[4:16]) // italicAngle, underline, isFixedPitch
	}
	newLoca, newHmtx := next(locaSz), next(hmtxSz)
	off := 0
	for i, g := range order {
		b, _ := glyphData(loca, glyf, f.longLoca, int(g))
		if long {
			be.PutUint32(newLoca[4*i:], uint32(off))
			off += (len(b) + 3) &^ 3
		} else {
			be.PutUint16(newLoca[2*i:], uint16(off/2))
			off += (len(b) + 1) &^ 1
		}
		if i < numHM {
			be.PutUint16(newHmtx[4*i:], uint16(f.GlyphAdvance(g)))
			be.PutUint16(newHmtx[4*i+2:], f.lsb(g))
		} else {
			be.PutUint16(newHmtx[4*numHM+2*(i-numHM):], f.lsb(g))
		}
	}
	if long {
		be.PutUint32(newLoca[4*n:], uint32(off))
	} else {
		be.PutUint16(newLoca[2*n:], uint16(off/2))
	}

	tabs := make([]outTable, 0, 13)
	tabs = append(tabs,
		outTable{tag: "cmap", data: subsetCmap(runes)},
		outTable{tag: "glyf", size: glyfSize, write: func(dst []byte) { f.copyGlyphs(dst, order, newID, long) }},
		outTable{tag: "head", data: newHead}, outTable{tag: "hhea", data: newHhea},
		outTable{tag: "hmtx", data: newHmtx}, outTable{tag: "loca", data: newLoca},
		outTable{tag: "maxp", data: newMaxp}, outTable{tag: "post", data: post})
	if name := f.tab["name"]; len(name) >= 6 {
		tabs = append(tabs, outTable{tag: "name", data: name})
	} else {
		tabs = append(tabs, outTable{tag: "name", data: minimalName(f.family, f.PostScriptName())})
	}
	for _, tag := range []string{"OS/2", "cvt ", "fpgm", "prep"} {
		if b, ok := f.tab[tag]; ok {
			tabs = append(tabs, outTable{tag: tag, data: b})
		}
	}
	return writeSFNT(tabs), nil
}

// checkSubsetArgs checks Subset's arguments.
func (f *Face) checkSubsetArgs(gids []uint16, runes []rune) error {
	switch {
	case len(gids) == 0 || gids[0] != 0:
		return fmt.Errorf("字体“%s”无法生成子集：第一个字形必须是 0（.notdef）", f.name)
	case len(gids) > 0xFFFF:
		return fmt.Errorf("字体“%s”无法生成子集：子集超过 %d 个字形", f.name, 0xFFFF)
	case runes != nil && len(runes) != len(gids):
		return fmt.Errorf("字体“%s”无法生成子集：%d 个字形却给了 %d 个字符", f.name, len(gids), len(runes))
	}
	for _, g := range gids {
		if int(g) >= f.numGlyphs {
			return fmt.Errorf("字体“%s”无法生成子集：没有字形 %d（字体只有 %d 个字形）", f.name, g, f.numGlyphs)
		}
	}
	return nil
}

func (f *Face) subsetErr(err error) error {
	return fmt.Errorf("字体“%s”无法生成子集：%w", f.name, err)
}

// lsb returns the left side bearing of glyph g (below numGlyphs) from hmtx.
func (f *Face) lsb(g uint16) uint16 {
	if i := int(g); i < f.numHM {
		return binary.BigEndian.Uint16(f.hmtx[4*i+2:])
	}
	return binary.BigEndian.Uint16(f.hmtx[4*f.numHM+2*(int(g)-f.numHM):])
}

// copyGlyphs writes the glyphs of order into dst (zeroed), each padded to
// two bytes (short loca) or four (long), and rewrites the component
// references of composites to the new ids. Subset has checked the glyphs.
func (f *Face) copyGlyphs(dst []byte, order []uint16, newID map[uint16]uint16, long bool) {
	loca, glyf := f.tab["loca"], f.tab["glyf"]
	off := 0
	for _, g := range order {
		b, _ := glyphData(loca, glyf, f.longLoca, int(g))
		out := dst[off : off+len(b)]
		copy(out, b)
		if isComposite(out) {
			walkComposite(out, func(at int, kid uint16) bool {
				binary.BigEndian.PutUint16(out[at:], newID[kid])
				return true
			})
		}
		if long {
			off += (len(b) + 3) &^ 3
		} else {
			off += (len(b) + 1) &^ 1
		}
	}
}

// SubsetTag returns the six capital letters that prefix the name of a
// subset font in a PDF ("KQXZBA+NotoSerifSC-Regular"), made from a hash of
// the glyph list: the same glyphs give the same tag.
func SubsetTag(gids []uint16) string {
	// FNV-1a, 64 bits, of the ids as big-endian bytes.
	sum := uint64(14695981039346656037)
	for _, g := range gids {
		sum = (sum ^ uint64(g>>8)) * 1099511628211
		sum = (sum ^ uint64(g&0xFF)) * 1099511628211
	}
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + byte(sum%26)
		sum /= 26
	}
	return string(tag[:])
}
