package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"sync"
)

// Face is a parsed TrueType font: what layout needs to measure text and to
// know which characters the font can draw. A Face is immutable and safe for
// concurrent use.
type Face struct {
	name       string // where it came from: a file name or "NotoSerifSC-Regular (内置)"
	family     string // the family name of the font's name table
	psName     string // the PostScript name: "NotoSerifSC-Bold"
	data       []byte // the whole file, for embedding
	unitsPerEm float64
	ascent     float64 // OS/2 typo ascender (hhea when absent), in font units
	descent    float64 // OS/2 typo descender, negative, in font units
	advances   []uint16
	bmp        []uint16 // glyph id per BMP code point (0 = none)
	astral     map[rune]uint16

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

// Data returns the font file's bytes. Callers must not modify them.
func (f *Face) Data() []byte { return f.data }

// Has reports whether the font has a glyph for r.
func (f *Face) Has(r rune) bool { return f.glyph(r) != 0 }

// Advance returns the advance width of r in em (1.0 = the font size), 0 when
// the font lacks r.
func (f *Face) Advance(r rune) float64 {
	g := f.glyph(r)
	if g == 0 {
		return 0
	}
	return f.advance(g)
}

func (f *Face) advance(g uint16) float64 {
	if int(g) < len(f.advances) {
		return float64(f.advances[g]) / f.unitsPerEm
	}
	if len(f.advances) > 0 { // glyphs past numberOfHMetrics repeat the last width
		return float64(f.advances[len(f.advances)-1]) / f.unitsPerEm
	}
	return 0
}

// Ascent returns the typographic ascender in em (positive).
func (f *Face) Ascent() float64 { return f.ascent / f.unitsPerEm }

// Descent returns the typographic descender in em (negative).
func (f *Face) Descent() float64 { return f.descent / f.unitsPerEm }

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

func (f *Face) glyph(r rune) uint16 {
	if r >= 0 && r < 0x10000 {
		if f.bmp == nil {
			return 0
		}
		return f.bmp[r]
	}
	return f.astral[r]
}

// Errors of Parse, in Chinese because they reach the user (wrapped with the file name).
var (
	ErrCollection = errors.New("这是字体集合文件（.ttc/.otc），PDF 生成需要单个 TrueType 字体：请先从集合中取出一个字体另存为 .ttf" +
		"（例如安装 fonttools 后运行 python3 -c \"from fontTools.ttLib import TTCollection; TTCollection('字体.ttc').fonts[0].save('字体.ttf')\"），再指定该 .ttf 文件")
	ErrCFF = errors.New("这是 CFF（PostScript 轮廓）的 OpenType 字体（.otf），PDF 生成只支持 TrueType 轮廓（glyf）的 .ttf 字体：" +
		"请改用该字体的 .ttf 版本，或用 fonttools 的 otf2ttf 转换后再指定")
	ErrNotFont = errors.New("不是 TrueType 字体文件（.ttf）")
)

// Parse reads a TrueType (glyf-outline) font file. name says where it came
// from, for messages. A font collection (.ttc) or a CFF OpenType font (.otf)
// gets an error that says what to do instead.
func Parse(name string, data []byte) (*Face, error) {
	f, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("字体文件“%s”无法使用：%w", name, err)
	}
	f.name = name
	return f, nil
}

type table struct{ off, len uint32 }

func parse(data []byte) (*Face, error) {
	if len(data) < 12 {
		return nil, ErrNotFont
	}
	switch string(data[:4]) {
	case "ttcf":
		return nil, ErrCollection
	case "OTTO":
		return nil, ErrCFF
	case "\x00\x01\x00\x00", "true":
	default:
		return nil, ErrNotFont
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	tables := make(map[string]table, n)
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return nil, errCorrupt("table directory")
		}
		off := binary.BigEndian.Uint32(data[rec+8:])
		ln := binary.BigEndian.Uint32(data[rec+12:])
		if uint64(off)+uint64(ln) > uint64(len(data)) {
			return nil, errCorrupt(string(data[rec : rec+4]))
		}
		tables[string(data[rec:rec+4])] = table{off, ln}
	}
	for _, need := range []string{"head", "hhea", "hmtx", "cmap", "maxp"} {
		if _, ok := tables[need]; !ok {
			return nil, errCorrupt("缺少 " + need + " 表")
		}
	}
	if _, ok := tables["glyf"]; !ok {
		if _, cff := tables["CFF "]; cff {
			return nil, ErrCFF
		}
		return nil, errCorrupt("缺少 glyf 表")
	}
	get := func(tag string) []byte { t := tables[tag]; return data[t.off : t.off+t.len] }

	f := &Face{data: data}
	head, hhea, maxp := get("head"), get("hhea"), get("maxp")
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errCorrupt("head/hhea/maxp")
	}
	f.unitsPerEm = float64(binary.BigEndian.Uint16(head[18:]))
	if f.unitsPerEm == 0 {
		return nil, errCorrupt("unitsPerEm = 0")
	}
	f.ascent = float64(int16(binary.BigEndian.Uint16(hhea[4:])))
	f.descent = float64(int16(binary.BigEndian.Uint16(hhea[6:])))
	if os2, ok := tables["OS/2"]; ok && os2.len >= 72 {
		b := get("OS/2")
		f.ascent = float64(int16(binary.BigEndian.Uint16(b[68:])))
		f.descent = float64(int16(binary.BigEndian.Uint16(b[70:])))
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	numHMetrics := int(binary.BigEndian.Uint16(hhea[34:]))
	hmtx := get("hmtx")
	if numHMetrics > numGlyphs || len(hmtx) < 4*numHMetrics {
		return nil, errCorrupt("hmtx")
	}
	f.advances = make([]uint16, numHMetrics)
	for i := range f.advances {
		f.advances[i] = binary.BigEndian.Uint16(hmtx[4*i:])
	}
	if err := f.parseCmap(get("cmap"), numGlyphs); err != nil {
		return nil, err
	}
	if nt, ok := tables["name"]; ok && nt.len > 0 {
		f.family = familyName(get("name"))
		f.psName = postScriptName(get("name"))
	}
	return f, nil
}

func errCorrupt(what string) error {
	return fmt.Errorf("%w：文件已损坏或格式不受支持（%s）", ErrNotFont, what)
}
