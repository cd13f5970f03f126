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
	numGlyphs  int
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

// MaxFileSize is the largest font file Parse accepts: a real CJK font is at
// most a few tens of megabytes.
const MaxFileSize = 64 << 20

// Errors of Parse, in Chinese because they reach the user (wrapped with the file name).
var (
	ErrCollection = errors.New("这是字体集合文件（.ttc/.otc），PDF 生成需要单个 TrueType 字体：请先从集合中取出一个字体另存为 .ttf" +
		"（例如安装 fonttools 后运行 python3 -c \"from fontTools.ttLib import TTCollection; TTCollection('字体.ttc').fonts[0].save('字体.ttf')\"），再指定该 .ttf 文件")
	ErrCFF = errors.New("这是 CFF（PostScript 轮廓）的 OpenType 字体（.otf），PDF 生成只支持 TrueType 轮廓（glyf）的 .ttf 字体：" +
		"请改用该字体的 .ttf 版本，或用 fonttools 的 otf2ttf 转换后再指定")
	ErrNotFont  = errors.New("不是 TrueType 字体文件（.ttf）")
	ErrTooLarge = fmt.Errorf("文件超过 %d MiB，不是单个字体文件，或者字体过大", MaxFileSize>>20)
)

// corruptError says what part of a font file is damaged or unusable. It
// wraps ErrNotFont: such a file is no TrueType font zsdoc can use.
type corruptError struct{ msg string }

func (e *corruptError) Error() string { return e.msg + "；文件已损坏或格式不受支持" }
func (e *corruptError) Unwrap() error { return ErrNotFont }

// errCorrupt reports a damaged table: "loca 表损坏（…）".
func errCorrupt(tag, format string, args ...any) error {
	return &corruptError{fmt.Sprintf("%s 表损坏（%s）", strings.TrimSpace(tag), fmt.Sprintf(format, args...))}
}

// errMissing reports a required table the file lacks.
func errMissing(tag string) error { return &corruptError{"缺少 " + strings.TrimSpace(tag) + " 表"} }

// Parse reads a TrueType (glyf-outline) font file. name says where it came
// from, for messages. A font collection (.ttc) or a CFF OpenType font (.otf)
// gets an error that says what to do instead.
//
// Parse checks everything a PDF writer reads from the file (the table
// directory, head, maxp, hhea, hmtx, loca, every glyph's header and
// composite references, the Unicode cmap subtables), so that a damaged or
// hostile file is refused here with an error naming it, in time and memory
// bounded by the file's size, and never crashes or stalls a writer later.
// Every error names the file: 字体文件“name”无法使用：….
func Parse(name string, data []byte) (*Face, error) {
	f, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("字体文件“%s”无法使用：%w", name, err)
	}
	f.name = name
	return f, nil
}

// tables is a font's table directory: the bytes of each table by tag.
type tables map[string][]byte

// readDirectory reads the table directory, every table inside the file.
// It also returns how long the file must be for every table to be padded
// to four bytes, as writers copy them.
func readDirectory(data []byte) (tables, int, error) {
	n := int(binary.BigEndian.Uint16(data[4:]))
	if n == 0 || 12+16*n > len(data) {
		return nil, 0, &corruptError{fmt.Sprintf("表目录损坏（%d 个表，文件只有 %d 字节）", n, len(data))}
	}
	t := make(tables, n)
	padded := len(data)
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off := uint64(binary.BigEndian.Uint32(rec[8:]))
		ln := uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+ln > uint64(len(data)) {
			return nil, 0, &corruptError{fmt.Sprintf("表目录损坏（%q 表超出文件末尾）", tag)}
		}
		if _, dup := t[tag]; dup {
			return nil, 0, &corruptError{fmt.Sprintf("表目录损坏（%q 表出现两次）", tag)}
		}
		t[tag] = data[off : off+ln]
		padded = max(padded, int(off+(ln+3)&^3))
	}
	return t, padded, nil
}

func parse(data []byte) (*Face, error) {
	if len(data) > MaxFileSize {
		return nil, ErrTooLarge
	}
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
	t, padded, err := readDirectory(data)
	if err != nil {
		return nil, err
	}
	if _, ok := t["glyf"]; !ok {
		if _, cff := t["CFF "]; cff {
			return nil, ErrCFF
		}
	}
	for _, need := range []string{"head", "hhea", "maxp", "hmtx", "cmap", "loca", "glyf"} {
		if _, ok := t[need]; !ok {
			return nil, errMissing(need)
		}
	}
	if padded > len(data) {
		// The last table is not padded to four bytes, as writers that copy
		// tables whole expect: pad a copy.
		data = append(data[:len(data):len(data)], make([]byte, padded-len(data))...)
		if t, _, err = readDirectory(data); err != nil {
			return nil, err
		}
	}
	f := &Face{data: data}
	m, err := readMetrics(t)
	if err != nil {
		return nil, err
	}
	f.unitsPerEm, f.numGlyphs = float64(m.unitsPerEm), m.numGlyphs
	if err := checkGlyphs(t["loca"], t["glyf"], m.longLoca, m.numGlyphs); err != nil {
		return nil, err
	}
	hmtx := t["hmtx"]
	f.advances = make([]uint16, m.numHMetrics)
	for i := range f.advances {
		f.advances[i] = binary.BigEndian.Uint16(hmtx[4*i:])
	}
	if err := f.parseCmap(t["cmap"], m.numGlyphs); err != nil {
		return nil, err
	}
	f.ascent, f.descent = verticalMetrics(t, m.unitsPerEm)
	if name := t["name"]; len(name) > 0 {
		f.family = familyName(name)
		f.psName = postScriptName(name)
	}
	return f, nil
}

// metrics are the numbers of head, maxp and hhea that the rest depends on.
type metrics struct {
	unitsPerEm  int
	longLoca    bool
	numGlyphs   int
	numHMetrics int
}

// readMetrics reads and checks head, maxp, hhea and the length of hmtx.
func readMetrics(t tables) (metrics, error) {
	var m metrics
	head, maxp, hhea, hmtx := t["head"], t["maxp"], t["hhea"], t["hmtx"]
	if len(head) < 54 {
		return m, errCorrupt("head", "只有 %d 字节", len(head))
	}
	if binary.BigEndian.Uint32(head[12:]) != 0x5F0F3CF5 {
		return m, errCorrupt("head", "magicNumber 不对")
	}
	m.unitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	if m.unitsPerEm < 16 || m.unitsPerEm > 16384 {
		return m, errCorrupt("head", "unitsPerEm = %d，应在 16 到 16384 之间", m.unitsPerEm)
	}
	switch loc := int16(binary.BigEndian.Uint16(head[50:])); loc {
	case 0, 1:
		m.longLoca = loc == 1
	default:
		return m, errCorrupt("head", "indexToLocFormat = %d，应为 0 或 1", loc)
	}
	if len(maxp) < 6 {
		return m, errCorrupt("maxp", "只有 %d 字节", len(maxp))
	}
	m.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	if m.numGlyphs < 1 {
		return m, errCorrupt("maxp", "没有字形")
	}
	if len(hhea) < 36 {
		return m, errCorrupt("hhea", "只有 %d 字节", len(hhea))
	}
	m.numHMetrics = int(binary.BigEndian.Uint16(hhea[34:]))
	if m.numHMetrics < 1 || m.numHMetrics > m.numGlyphs {
		return m, errCorrupt("hhea", "numberOfHMetrics = %d，应在 1 到字形数 %d 之间", m.numHMetrics, m.numGlyphs)
	}
	if need := 4*m.numHMetrics + 2*(m.numGlyphs-m.numHMetrics); len(hmtx) < need {
		return m, errCorrupt("hmtx", "只有 %d 字节，%d 个字形需要 %d 字节", len(hmtx), m.numGlyphs, need)
	}
	return m, nil
}

// verticalMetrics returns the ascender and descender in font units: OS/2's
// typographic ones, else hhea's, else 0.88 and -0.12 em, whichever first
// makes sense (ascender above the baseline, descender not).
func verticalMetrics(t tables, unitsPerEm int) (ascent, descent float64) {
	ok := func(a, d int16) bool { return a > 0 && d <= 0 }
	if os2 := t["OS/2"]; len(os2) >= 72 {
		a, d := int16(binary.BigEndian.Uint16(os2[68:])), int16(binary.BigEndian.Uint16(os2[70:]))
		if ok(a, d) {
			return float64(a), float64(d)
		}
	}
	hhea := t["hhea"]
	if a, d := int16(binary.BigEndian.Uint16(hhea[4:])), int16(binary.BigEndian.Uint16(hhea[6:])); ok(a, d) {
		return float64(a), float64(d)
	}
	return 0.88 * float64(unitsPerEm), -0.12 * float64(unitsPerEm)
}
