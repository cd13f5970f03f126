package pdfw

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"unicode/utf8"
)

// Font is what the writer needs of a TrueType face. Metrics are in font
// units. The method set is that of package fonts' *Face, so a face can be
// passed as it is.
type Font interface {
	// PostScriptName is the font's name, written (with a subset tag) as
	// /BaseFont.
	PostScriptName() string
	// UnitsPerEm is the size of the em square, 16 to 16384.
	UnitsPerEm() int
	// AscentUnits is the typographic ascender (positive), DescentUnits the
	// descender (zero or negative), CapHeight the height of capitals (0:
	// unknown, the ascent is written instead).
	AscentUnits() int
	DescentUnits() int
	CapHeight() int
	// BBox is the union of the glyphs' bounding boxes (the head table's).
	BBox() (xMin, yMin, xMax, yMax int)
	// Subset returns a TrueType font holding the glyphs origGIDs (original
	// glyph ids): glyph i of the returned font is origGIDs[i], and glyphs
	// that these reference (composites' components) may follow. origGIDs[0]
	// is 0 (.notdef) and the others appear once each, in order of first
	// use; runes[i] is the first character drawn with origGIDs[i] (0 for
	// .notdef), for a cmap table if the subsetter writes one.
	//
	// A Font that also implements GIDKeeper and reports true keeps glyph ids
	// instead: glyph g of the returned font is original glyph g.
	Subset(origGIDs []uint16, runes []rune) ([]byte, error)
}

// GIDKeeper may be implemented by a Font whose Subset keeps every glyph at
// its original id (it returns the whole font, or empties unused glyphs
// without renumbering). The writer then maps character ids to the original
// glyph ids.
type GIDKeeper interface {
	KeepsGIDs() bool
}

// FontStyle may be implemented by a Font to describe its style in the
// font descriptor; without it the font is written upright, proportional
// and of regular weight (/ItalicAngle 0, /StemV 80).
type FontStyle interface {
	// ItalicAngle is in degrees counter-clockwise from the vertical.
	ItalicAngle() float64
	// IsFixedPitch reports whether every glyph has the same width.
	IsFixedPitch() bool
	// WeightClass is the OS/2 weight, 1 to 1000 (400 regular, 700 bold).
	WeightClass() int
}

// Glyph is one glyph of a text run.
type Glyph struct {
	Orig    uint16 // glyph id in the original font
	Rune    rune   // the character it draws, for text extraction
	Advance int    // advance width in font units, 0..65535
}

// cidEntry is what a font's character id stands for.
type cidEntry struct {
	orig uint16 // original glyph id
	adv  uint16 // advance in font units
	r    rune
}

// altKey is a glyph drawn for a second character (one glyph for U+4E2D
// and U+2F00, say): it gets a character id of its own, so that each maps
// back to its own character.
type altKey struct {
	orig uint16
	r    rune
}

// FontRef is a font added to a Writer. The writer gives each distinct
// (glyph, character) pair a character id (CID) in order of first use and
// writes the font at Close.
type FontRef struct {
	w       *Writer
	font    Font
	keep    bool // Subset keeps original glyph ids
	index   int  // the font is /F<index+1> in page resources
	num     int  // Type0 object number, 0 until first drawn
	pageGen uint64

	name                       string
	upem                       int
	ascent, descent, capHeight int
	bbox                       [4]int
	flags                      int     // descriptor /Flags
	italicAngle                float64 // degrees
	stemV                      int

	byGlyph []uint16   // original glyph id → CID of its first character; 0: none yet
	cids    []cidEntry // by CID; [0] is .notdef
	alt     map[altKey]uint16
}

// AddFont adds a font for Text. Nothing is written until Close, and a font
// that no page draws with is not written at all.
func (w *Writer) AddFont(f Font) (*FontRef, error) {
	if err := w.check(); err != nil {
		return nil, err
	}
	if f == nil {
		return nil, w.fail(errors.New("pdfw: AddFont(nil)"))
	}
	r := &FontRef{w: w, font: f, index: len(w.fonts), name: f.PostScriptName(), upem: f.UnitsPerEm(),
		ascent: f.AscentUnits(), descent: f.DescentUnits(), capHeight: f.CapHeight(),
		flags: 4, stemV: 80, cids: []cidEntry{{}}, alt: map[altKey]uint16{}}
	r.bbox[0], r.bbox[1], r.bbox[2], r.bbox[3] = f.BBox()
	if k, ok := f.(GIDKeeper); ok {
		r.keep = k.KeepsGIDs()
	}
	if st, ok := f.(FontStyle); ok {
		if a := st.ItalicAngle(); a >= -90 && a <= 90 { // not NaN
			r.italicAngle = a
		}
		if r.italicAngle != 0 {
			r.flags |= 64 // Italic
		}
		if st.IsFixedPitch() {
			r.flags |= 1 // FixedPitch
		}
		// A usual estimate of the dominant stem width from the weight:
		// 88 for regular (400), 166 for bold (700).
		wc := float64(min(max(st.WeightClass(), 1), 1000))
		r.stemV = int(50 + wc*wc/(65*65))
	}
	if r.upem < 16 || r.upem > 16384 {
		return nil, w.fail(fmt.Errorf("pdfw: font %q: units per em %d out of range 16..16384", r.name, r.upem))
	}
	if r.name == "" {
		r.name = fmt.Sprintf("Font%d", r.index+1)
	}
	w.fonts = append(w.fonts, r)
	return r, nil
}

// cid returns the character id of g, assigning one on first use.
func (f *FontRef) cid(g Glyph) (uint16, error) {
	if int(g.Orig) < len(f.byGlyph) {
		if c := f.byGlyph[g.Orig]; c != 0 {
			if e := &f.cids[c]; e.r == g.Rune && int(e.adv) == g.Advance {
				return c, nil
			}
		}
	}
	return f.newCID(g)
}

// newCID is cid's slow path: a glyph or character not seen yet.
func (f *FontRef) newCID(g Glyph) (uint16, error) {
	if !utf8.ValidRune(g.Rune) {
		return 0, fmt.Errorf("pdfw: font %q: glyph %d has invalid character %U", f.name, g.Orig, g.Rune)
	}
	if g.Advance < 0 || g.Advance > 0xFFFF {
		return 0, fmt.Errorf("pdfw: font %q: glyph %d has advance %d out of range", f.name, g.Orig, g.Advance)
	}
	if n := int(g.Orig) + 1; n > len(f.byGlyph) {
		f.byGlyph = append(f.byGlyph, make([]uint16, n-len(f.byGlyph))...)
	}
	first := f.byGlyph[g.Orig]
	if first != 0 {
		if adv := int(f.cids[first].adv); adv != g.Advance {
			return 0, fmt.Errorf("pdfw: font %q: glyph %d drawn with advance %d, earlier %d", f.name, g.Orig, g.Advance, adv)
		}
		if c, ok := f.alt[altKey{g.Orig, g.Rune}]; ok {
			return c, nil
		}
	}
	if len(f.cids) > 0xFFFF {
		return 0, fmt.Errorf("pdfw: font %q: more than 65535 distinct glyphs", f.name)
	}
	c := uint16(len(f.cids))
	f.cids = append(f.cids, cidEntry{orig: g.Orig, adv: uint16(g.Advance), r: g.Rune})
	if first == 0 {
		f.byGlyph[g.Orig] = c
	} else {
		f.alt[altKey{g.Orig, g.Rune}] = c
	}
	return c, nil
}

// glyphMap returns the original glyph ids in order of first use (0 first)
// with the first character of each, and each CID's glyph id in the font
// file; identity reports whether that glyph id is the CID itself for every
// CID (/CIDToGIDMap /Identity).
func (f *FontRef) glyphMap() (origs []uint16, runes []rune, toGID []uint16, identity bool) {
	origs, runes = []uint16{0}, []rune{0}
	sub := make([]uint16, len(f.byGlyph)) // original → subset glyph id; 0: not yet
	toGID = make([]uint16, len(f.cids))
	identity = true
	for c := 1; c < len(f.cids); c++ {
		e := f.cids[c]
		if e.orig != 0 && sub[e.orig] == 0 {
			sub[e.orig] = uint16(len(origs))
			origs = append(origs, e.orig)
			runes = append(runes, e.r)
		}
		g := e.orig
		if !f.keep {
			g = sub[e.orig]
		}
		toGID[c] = g
		identity = identity && int(g) == c
	}
	return origs, runes, toGID, identity
}

// subsetTag returns the six capital letters that name a subset, made from
// the font's name and glyphs so that the same subset gets the same tag.
func subsetTag(name string, keep bool, origs []uint16) string {
	h := sha256.New()
	h.Write([]byte(name))
	if keep {
		h.Write([]byte{1})
	}
	for _, g := range origs {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	sum := h.Sum(nil)
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag[:])
}

// writeFont writes a drawn font: the Type0 font (its number reserved at
// first use), the CIDFontType2, the descriptor, the embedded subset, the
// ToUnicode map and, unless the identity serves, the CIDToGIDMap.
func (w *Writer) writeFont(f *FontRef) error {
	if f.num == 0 {
		return nil
	}
	origs, runes, toGID, identity := f.glyphMap()
	data, err := f.font.Subset(origs, runes)
	if err != nil {
		return fmt.Errorf("pdfw: subsetting font %q: %w", f.name, err)
	}
	if len(data) < 12 || (string(data[:4]) != "\x00\x01\x00\x00" && string(data[:4]) != "true") {
		return fmt.Errorf("pdfw: subset of font %q is not a TrueType font", f.name)
	}
	base := subsetTag(f.name, f.keep, origs) + "+" + f.name
	cidFont, desc, file, toUni := w.reserve(), w.reserve(), w.reserve(), w.reserve()
	cidMap := 0
	if !identity {
		cidMap = w.reserve()
	}

	b := append(w.tmp[:0], "<< /Type /Font /Subtype /Type0 /BaseFont "...)
	b = appendName(b, base)
	b = append(b, " /Encoding /Identity-H /DescendantFonts ["...)
	b = appendRef(b, cidFont)
	b = append(b, "] /ToUnicode "...)
	b = appendRef(b, toUni)
	b = append(b, " >>"...)
	w.object(f.num, b)

	b = append(b[:0], "<< /Type /Font /Subtype /CIDFontType2 /BaseFont "...)
	b = appendName(b, base)
	b = append(b, " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor "...)
	b = appendRef(b, desc)
	b = append(b, " /DW 1000"...)
	b = f.appendWidths(b)
	if identity {
		b = append(b, " /CIDToGIDMap /Identity"...)
	} else {
		b = append(b, " /CIDToGIDMap "...)
		b = appendRef(b, cidMap)
	}
	b = append(b, " >>"...)
	w.object(cidFont, b)

	em := func(b []byte, v int) []byte { return appendNum(b, float64(v)*1000/float64(f.upem)) }
	b = append(b[:0], "<< /Type /FontDescriptor /FontName "...)
	b = appendName(b, base)
	b = append(b, " /Flags "...)
	b = appendInt(b, f.flags)
	b = append(b, " /FontBBox ["...)
	for i, v := range f.bbox {
		if i > 0 {
			b = append(b, ' ')
		}
		b = em(b, v)
	}
	b = append(b, "] /ItalicAngle "...)
	b = appendNum(b, f.italicAngle)
	b = append(b, " /Ascent "...)
	b = em(b, f.ascent)
	b = append(b, " /Descent "...)
	b = em(b, f.descent)
	b = append(b, " /CapHeight "...)
	if f.capHeight > 0 {
		b = em(b, f.capHeight)
	} else {
		b = em(b, f.ascent)
	}
	b = append(b, " /StemV "...)
	b = appendInt(b, f.stemV)
	b = append(b, " /FontFile2 "...)
	b = appendRef(b, file)
	b = append(b, " >>"...)
	w.object(desc, b)

	b = append(b[:0], " /Length1 "...)
	b = appendInt(b, len(data))
	w.tmp = b
	w.flateStream(file, b, data)
	w.flateStream(toUni, nil, toUnicode(f.cids))
	if !identity {
		m := make([]byte, 2*len(toGID))
		for c, g := range toGID {
			m[2*c], m[2*c+1] = byte(g>>8), byte(g)
		}
		w.flateStream(cidMap, nil, m)
	}
	return w.err
}

// appendWidths appends the /W array in compact form, leaving out the
// widths equal to /DW 1000: runs of four or more equal widths as
// "first last w", other runs of consecutive CIDs as "first [w ...]".
func (f *FontRef) appendWidths(b []byte) []byte {
	n := len(f.cids)
	width := func(c int) int64 { return milli(float64(f.cids[c].adv) * 1000 / float64(f.upem)) }
	const dw = 1000 * 1000
	runLen := func(i, end, limit int) int { // equal widths from i, at most limit
		l := 1
		for i+l < end && l < limit && width(i+l) == width(i) {
			l++
		}
		return l
	}
	open := false
	for c := 1; c < n; {
		if width(c) == dw {
			c++
			continue
		}
		end := c
		for end < n && width(end) != dw {
			end++
		}
		for i := c; i < end; {
			if !open {
				b = append(b, " /W ["...)
				open = true
			} else {
				b = append(b, ' ')
			}
			if l := runLen(i, end, end); l >= 4 {
				b = appendInt(b, i)
				b = append(b, ' ')
				b = appendInt(b, i+l-1)
				b = append(b, ' ')
				b = appendMilli(b, width(i))
				i += l
				continue
			}
			b = appendInt(b, i)
			b = append(b, " ["...)
			for start := i; i < end && (i == start || runLen(i, end, 4) < 4); i++ {
				if i > start {
					b = append(b, ' ')
				}
				b = appendMilli(b, width(i))
			}
			b = append(b, ']')
		}
		c = end
	}
	if open {
		b = append(b, ']')
	}
	return b
}
