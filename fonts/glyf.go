package fonts

import (
	"encoding/binary"
	"sort"
)

// maxCompositeDepth bounds how deeply composite glyphs may nest (a glyph
// made of glyphs made of glyphs …). Real fonts nest two or three levels.
const maxCompositeDepth = 16

// Composite glyph flags (OpenType glyf table).
const (
	argsAreWords     = 0x0001
	haveScale        = 0x0008
	moreComponents   = 0x0020
	haveXYScale      = 0x0040
	haveTwoByTwo     = 0x0080
	haveInstructions = 0x0100
)

// composite is a composite glyph and its components, edges[lo:hi].
type composite struct {
	glyph  uint16
	lo, hi int32
}

// locaSize returns the length of one loca entry.
func locaSize(long bool) int {
	if long {
		return 4
	}
	return 2
}

// locaOffset returns loca entry i: where glyph i starts in glyf.
func locaOffset(loca []byte, long bool, i int) int {
	if long {
		return int(binary.BigEndian.Uint32(loca[4*i:]))
	}
	return 2 * int(binary.BigEndian.Uint16(loca[2*i:]))
}

// checkLoca checks that loca has numGlyphs+1 offsets. Its work does not
// depend on the number of glyphs; glyphData checks the offsets it reads.
func checkLoca(loca, glyf []byte, long bool, numGlyphs int) error {
	if need := locaSize(long) * (numGlyphs + 1); len(loca) < need {
		return errCorrupt("loca", "只有 %d 字节，%d 个字形需要 %d 字节", len(loca), numGlyphs, need)
	}
	return nil
}

// glyphData returns the data of glyph g (loca must hold numGlyphs+1
// offsets and g be below numGlyphs), checking its offsets.
func glyphData(loca, glyf []byte, long bool, g int) ([]byte, error) {
	start, end := locaOffset(loca, long, g), locaOffset(loca, long, g+1)
	switch {
	case end < start:
		return nil, errCorrupt("loca", "字形 %d 的偏移量小于前一个", g+1)
	case end > len(glyf):
		return nil, errCorrupt("loca", "字形 %d 超出 glyf 表（%d > %d 字节）", g, end, len(glyf))
	case end > start && end-start < 10:
		return nil, errCorrupt("glyf", "字形 %d 只有 %d 字节", g, end-start)
	}
	return glyf[start:end], nil
}

// isComposite reports whether glyph data b (empty, or at least 10 bytes)
// is a composite glyph.
func isComposite(b []byte) bool { return len(b) >= 10 && int16(binary.BigEndian.Uint16(b)) < 0 }

// What walkComposite found wrong.
const (
	compositeOK = iota
	compositeShort
	compositeFlags
)

// walkComposite walks the components of composite glyph data b (at least
// 10 bytes), calling fn with where each component's glyph index is in b
// and the index, until fn returns false. It returns where the components
// end, whether any asks for instructions, and what is wrong: compositeOK,
// compositeShort (data cut short) or compositeFlags (contradictory
// transformation flags).
func walkComposite(b []byte, fn func(at int, kid uint16) bool) (end int, instructions bool, problem int) {
	p := 10
	for {
		if p+4 > len(b) {
			return p, instructions, compositeShort
		}
		flags := binary.BigEndian.Uint16(b[p:])
		if !fn(p+2, binary.BigEndian.Uint16(b[p+2:])) {
			return p, instructions, compositeOK
		}
		n := 2 // the arguments
		if flags&argsAreWords != 0 {
			n = 4
		}
		switch flags & (haveScale | haveXYScale | haveTwoByTwo) {
		case 0:
		case haveScale:
			n += 2
		case haveXYScale:
			n += 4
		case haveTwoByTwo:
			n += 8
		default:
			return p, instructions, compositeFlags
		}
		p += 4 + n
		if p > len(b) {
			return p, instructions, compositeShort
		}
		instructions = instructions || flags&haveInstructions != 0
		if flags&moreComponents == 0 {
			return p, instructions, compositeOK
		}
	}
}

// checkGlyphs checks loca and glyf: numGlyphs+1 offsets, non-decreasing,
// within glyf; every glyph's header readable; a simple glyph's contour
// end points and instructions inside it; a composite glyph's components
// well-formed, inside it and naming existing glyphs; composites nested
// without cycles and at most maxCompositeDepth deep. Its work is linear in
// the size of loca and glyf.
func checkGlyphs(loca, glyf []byte, long bool, numGlyphs int) error {
	if err := checkLoca(loca, glyf, long, numGlyphs); err != nil {
		return err
	}
	var comps []composite
	var edges []uint16
	start := locaOffset(loca, long, 0)
	for g := 0; g < numGlyphs; g++ {
		end := locaOffset(loca, long, g+1)
		if end < start {
			return errCorrupt("loca", "字形 %d 的偏移量小于前一个", g+1)
		}
		if end > len(glyf) {
			return errCorrupt("loca", "字形 %d 超出 glyf 表（%d > %d 字节）", g, end, len(glyf))
		}
		if end > start {
			kids, err := checkGlyph(glyf[start:end], g, numGlyphs, edges)
			if err != nil {
				return err
			}
			if len(kids) > len(edges) {
				comps = append(comps, composite{uint16(g), int32(len(edges)), int32(len(kids))})
				edges = kids
			}
		}
		start = end
	}
	if len(comps) == 0 {
		return nil
	}
	return checkNesting(comps, edges)
}

// checkGlyph checks the glyph g's data b (not empty). For a composite
// glyph it returns edges with the components appended.
func checkGlyph(b []byte, g, numGlyphs int, edges []uint16) ([]uint16, error) {
	if len(b) < 10 {
		return edges, errCorrupt("glyf", "字形 %d 只有 %d 字节", g, len(b))
	}
	contours := int(int16(binary.BigEndian.Uint16(b)))
	if contours >= 0 {
		p := 10 + 2*contours // endPtsOfContours, then instructionLength
		if p+2 > len(b) || p+2+int(binary.BigEndian.Uint16(b[p:])) > len(b) {
			return edges, errCorrupt("glyf", "字形 %d 的轮廓数据不完整", g)
		}
		return edges, nil
	}
	missing := -1
	p, instructions, problem := walkComposite(b, func(_ int, kid uint16) bool {
		if int(kid) >= numGlyphs {
			missing = int(kid)
			return false
		}
		edges = append(edges, kid)
		return true
	})
	switch {
	case missing >= 0:
		return edges, errCorrupt("glyf", "组合字形 %d 引用了不存在的字形 %d", g, missing)
	case problem == compositeShort:
		return edges, errCorrupt("glyf", "组合字形 %d 的部件数据不完整", g)
	case problem == compositeFlags:
		return edges, errCorrupt("glyf", "组合字形 %d 的变换标志相互矛盾", g)
	case instructions && (p+2 > len(b) || p+2+int(binary.BigEndian.Uint16(b[p:])) > len(b)):
		return edges, errCorrupt("glyf", "组合字形 %d 的指令不完整", g)
	}
	return edges, nil
}

// checkNesting checks that composite glyphs (sorted by glyph id) refer to
// one another without cycles and at most maxCompositeDepth deep. Each
// composite is visited once.
func checkNesting(comps []composite, edges []uint16) error {
	const (
		unvisited = 0
		visiting  = 1
		done      = 2 // a visited composite's depth is depth[i] - done
	)
	depth := make([]uint8, len(comps))
	find := func(g uint16) int {
		i := sort.Search(len(comps), func(i int) bool { return comps[i].glyph >= g })
		if i < len(comps) && comps[i].glyph == g {
			return i
		}
		return -1
	}
	// visit returns the nesting depth of composite i (1 = made of simple
	// glyphs); level is how deep the walk is, which bounds the recursion.
	var visit func(i, level int) (int, error)
	visit = func(i, level int) (int, error) {
		switch {
		case depth[i] == visiting:
			return 0, errCorrupt("glyf", "组合字形 %d 间接引用了自己", comps[i].glyph)
		case depth[i] >= done:
			return int(depth[i] - done), nil
		case level > maxCompositeDepth:
			return 0, errCorrupt("glyf", "组合字形 %d 嵌套超过 %d 层", comps[i].glyph, maxCompositeDepth)
		}
		depth[i] = visiting
		d := 1
		for _, kid := range edges[comps[i].lo:comps[i].hi] {
			if k := find(kid); k >= 0 {
				kd, err := visit(k, level+1)
				if err != nil {
					return 0, err
				}
				d = max(d, kd+1)
			}
		}
		if d > maxCompositeDepth {
			return 0, errCorrupt("glyf", "组合字形 %d 嵌套超过 %d 层", comps[i].glyph, maxCompositeDepth)
		}
		depth[i] = uint8(done + d)
		return d, nil
	}
	for i := range comps {
		if depth[i] == unvisited {
			if _, err := visit(i, 1); err != nil {
				return err
			}
		}
	}
	return nil
}
