package fonts

import (
	"encoding/binary"
	"math"
	"strings"
	"sync"
)

// Face is a parsed TrueType font: what layout needs to measure text and to
// know which characters the font can draw, and what a PDF writer needs to
// describe and subset it. A Face is immutable and safe for concurrent use.
type Face struct {
	name       string // where it came from: a file name or "NotoSerifSC-Regular (内置)"
	family     string // the family name of the font's name table
	psName     string // the PostScript name: "NotoSerifSC-Bold"
	data       []byte // the whole file (a standalone font for a collection's face), for embedding
	tab        tables // the tables, slices of data
	unitsPerEm float64
	ascent     float64 // OS/2 typo ascender (hhea when absent), in font units
	descent    float64 // OS/2 typo descender, negative, in font units
	numGlyphs  int
	longLoca   bool
	hmtx       []byte // the hmtx table, at least as long as numGlyphs need
	numHM      int    // hhea numberOfHMetrics
	cmap       cmapLookup

	memo sync.Map // backend caches, see Memo
}

// Name returns where the face came from (a file name or the built-in font's name).
func (f *Face) Name() string { return f.name }

// Family returns the font's family name ("Noto Serif SC").
func (f *Face) Family() string { return f.family }

// PostScriptName returns the font's PostScript name ("NotoSerifSC-Bold"),
// or a name made from the family when the font has none.
func (f *Face) PostScriptName() string {
	if f.psName != "" {
		return f.psName
	}
	return strings.ReplaceAll(f.family, " ", "")
}

// Data returns the font file's bytes: a standalone TrueType font, also for
// a face of a collection. Callers must not modify them.
func (f *Face) Data() []byte { return f.data }

// Has reports whether the font has a glyph for r.
func (f *Face) Has(r rune) bool { return f.glyph(r) != 0 }

// GlyphIndex returns the glyph id the font's Unicode cmap gives r, 0 (the
// .notdef glyph) when the font lacks r.
func (f *Face) GlyphIndex(r rune) uint16 { return f.glyph(r) }

// NumGlyphs returns the number of glyphs of the font (maxp numGlyphs).
func (f *Face) NumGlyphs() int { return f.numGlyphs }

// UnitsPerEm returns the font's design units per em (head unitsPerEm).
func (f *Face) UnitsPerEm() int { return int(f.unitsPerEm) }

// Advance returns the advance width of r in em (1.0 = the font size), 0 when
// the font lacks r.
func (f *Face) Advance(r rune) float64 {
	g := f.glyph(r)
	if g == 0 {
		return 0
	}
	return float64(f.GlyphAdvance(g)) / f.unitsPerEm
}

// GlyphAdvance returns the advance width of glyph gid in font units (hmtx;
// glyphs past numberOfHMetrics have the last width), 0 for a glyph id the
// font does not have.
func (f *Face) GlyphAdvance(gid uint16) int {
	g := int(gid)
	if g >= f.numGlyphs || f.numHM == 0 {
		return 0
	}
	return int(binary.BigEndian.Uint16(f.hmtx[4*min(g, f.numHM-1):]))
}

// Ascent returns the typographic ascender in em (positive).
func (f *Face) Ascent() float64 { return f.ascent / f.unitsPerEm }

// Descent returns the typographic descender in em (negative).
func (f *Face) Descent() float64 { return f.descent / f.unitsPerEm }

// AscentUnits returns the typographic ascender in font units (positive),
// as Ascent does in em: a PDF FontDescriptor's Ascent.
func (f *Face) AscentUnits() int { return int(math.Round(f.ascent)) }

// DescentUnits returns the typographic descender in font units (zero or
// negative), as Descent does in em: a PDF FontDescriptor's Descent.
func (f *Face) DescentUnits() int { return int(math.Round(f.descent)) }

// BBox returns the bounding box of all glyphs in font units, from head.
func (f *Face) BBox() (xMin, yMin, xMax, yMax int) {
	h := f.tab["head"]
	s := func(off int) int { return int(int16(binary.BigEndian.Uint16(h[off:]))) }
	return s(36), s(38), s(40), s(42)
}

// CapHeight returns the height of capital letters in font units: OS/2
// sCapHeight (version 2 and later) when positive, else the ascender.
func (f *Face) CapHeight() int {
	if os2 := f.tab["OS/2"]; len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		if c := int(int16(binary.BigEndian.Uint16(os2[88:]))); c > 0 {
			return c
		}
	}
	return f.AscentUnits()
}

// ItalicAngle returns the italic angle in degrees counter-clockwise from
// the vertical (post italicAngle; 0 for an upright font or without post).
func (f *Face) ItalicAngle() float64 {
	post := f.tab["post"]
	if len(post) < 8 {
		return 0
	}
	a := float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
	if math.Abs(a) > 90 {
		return 0
	}
	return a
}

// IsFixedPitch reports whether the font says all its glyphs have one width
// (post isFixedPitch).
func (f *Face) IsFixedPitch() bool {
	post := f.tab["post"]
	return len(post) >= 16 && binary.BigEndian.Uint32(post[12:]) != 0
}

// WeightClass returns the font's weight, 1 to 1000 (OS/2 usWeightClass;
// 400 regular, 700 bold), 400 when the font does not say.
func (f *Face) WeightClass() int {
	if os2 := f.tab["OS/2"]; len(os2) >= 6 {
		if w := int(binary.BigEndian.Uint16(os2[4:])); w >= 1 && w <= 1000 {
			return w
		}
	}
	return 400
}

// Memo returns the value cached under key for this face, building it once
// with build. Backends use it to parse a face once per process (e.g. the PDF
// backend's font container) however many documents use it.
func (f *Face) Memo(key any, build func() (any, error)) (any, error) {
	if v, ok := f.memo.Load(key); ok {
		return v.(*memoEntry).get(build)
	}
	v, _ := f.memo.LoadOrStore(key, &memoEntry{})
	return v.(*memoEntry).get(build)
}

type memoEntry struct {
	once sync.Once
	val  any
	err  error
}

func (m *memoEntry) get(build func() (any, error)) (any, error) {
	m.once.Do(func() { m.val, m.err = build() })
	return m.val, m.err
}
