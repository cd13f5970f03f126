package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

// MaxFileSize is the largest font file Parse accepts: a real CJK font is at
// most a few tens of megabytes.
const MaxFileSize = 64 << 20

// Errors of Parse, in Chinese because they reach the user (wrapped with the file name).
var (
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

// Parse reads a TrueType (glyf-outline) font file, or the first face of a
// TrueType collection (.ttc; ParseCollection picks another). name says
// where it came from, for messages. A CFF OpenType font (.otf) gets an
// error that says what to do instead.
//
// Parse checks everything a PDF writer reads from the file (the table
// directory, head, maxp, hhea, hmtx, loca, every glyph's header and
// composite references, the Unicode cmap subtables), so that a damaged or
// hostile file is refused here with an error naming it, in time and memory
// bounded by the file's size, and never crashes or stalls a writer later.
// Every error names the file: 字体文件“name”无法使用：….
func Parse(name string, data []byte) (*Face, error) {
	if isCollection(data) {
		return ParseCollection(name, data, "")
	}
	return parseNamed(name, data, false)
}

// parseNamed parses a single font and names it; trusted skips the checks
// of every glyph (see parse).
func parseNamed(name string, data []byte, trusted bool) (*Face, error) {
	f, err := parse(data, trusted)
	if err != nil {
		return nil, fmt.Errorf("字体文件“%s”无法使用：%w", name, err)
	}
	f.name = name
	return f, nil
}

// tables is a font's table directory: the bytes of each table by tag.
type tables map[string][]byte

// readDirectory reads the table directory at offset at (0 for a font
// file, further on for a face of a collection), every table inside the
// file. It also returns how long the file must be for every table to be
// padded to four bytes, as writers copy them.
func readDirectory(data []byte, at int) (tables, int, error) {
	if at < 0 || at+12 > len(data) {
		return nil, 0, &corruptError{fmt.Sprintf("表目录损坏（在文件末尾之后：%d > %d 字节）", at+12, len(data))}
	}
	n := int(binary.BigEndian.Uint16(data[at+4:]))
	if n == 0 || at+12+16*n > len(data) {
		return nil, 0, &corruptError{fmt.Sprintf("表目录损坏（%d 个表，文件只有 %d 字节）", n, len(data))}
	}
	t := make(tables, n)
	padded := len(data)
	for i := 0; i < n; i++ {
		rec := data[at+12+16*i:]
		tag := string(rec[:4])
		off := uint64(binary.BigEndian.Uint32(rec[8:]))
		ln := uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+ln > uint64(len(data)) {
			return nil, 0, &corruptError{fmt.Sprintf("表目录损坏（%q 表超出文件末尾）", tag)}
		}
		if _, dup := t[tag]; dup {
			return nil, 0, &corruptError{fmt.Sprintf("表目录损坏（%q 表出现两次）", tag)}
		}
		t[tag] = data[off : off+ln : off+ln]
		padded = max(padded, int(off+(ln+3)&^3))
	}
	return t, padded, nil
}

// sfntKind checks the first four bytes of a single font: nil for
// TrueType outlines, else why the font cannot be used.
func sfntKind(data []byte) error {
	switch string(data[:4]) {
	case "OTTO":
		return ErrCFF
	case "\x00\x01\x00\x00", "true":
		return nil
	}
	return ErrNotFont
}

// parse reads and checks a single font. trusted skips what is linear in
// the number of glyphs or characters (the glyph headers and composite
// references of checkGlyphs, the cmap subtables' entries) for the
// embedded fonts, which the tests check in full (TestEmbeddedFontsValid);
// everything else is checked as for any file.
func parse(data []byte, trusted bool) (*Face, error) {
	if len(data) > MaxFileSize {
		return nil, ErrTooLarge
	}
	if len(data) < 12 {
		return nil, ErrNotFont
	}
	if err := sfntKind(data); err != nil {
		return nil, err
	}
	t, padded, err := readDirectory(data, 0)
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
		if t, _, err = readDirectory(data, 0); err != nil {
			return nil, err
		}
	}
	m, err := readMetrics(t)
	if err != nil {
		return nil, err
	}
	f := &Face{data: data, tab: t, unitsPerEm: float64(m.unitsPerEm), numGlyphs: m.numGlyphs,
		longLoca: m.longLoca, hmtx: t["hmtx"], numHM: m.numHMetrics}
	check := checkGlyphs
	if trusted {
		check = checkLoca
	}
	if err := check(t["loca"], t["glyf"], m.longLoca, m.numGlyphs); err != nil {
		return nil, err
	}
	if err := f.parseCmap(t["cmap"], m.numGlyphs, trusted); err != nil {
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
