// Package fonts provides the fonts zsdoc draws with: the embedded default
// faces (Noto Serif SC Bold, Noto Sans SC, Noto Serif SC — OFL subsets that
// stand in for 方正小标宋简体, 黑体 and 仿宋_GB2312), user font files by role
// (TrueType fonts and faces of TrueType collections), glyph coverage and the
// fallback that finds rare characters (䶮, 㙟) in the full Noto Serif SC.
//
// It reads TrueType fonts itself (Parse checks every table a writer reads)
// and gives a PDF writer what it needs to embed them: glyph ids, widths and
// the numbers of a font descriptor in font units, and subsets of the
// glyphs a document uses (Face.Subset, SubsetTag).
//
// Fonts are parsed once per process; a Set and its Faces are read-only and
// safe for concurrent use.
package fonts

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Role is what a font is used for on the official forms. It is the one
// definition of the roles: the layout model (docgen/layout.Role) is this
// type, so a paragraph's role is the font the PDF draws it with and the
// font name a DOCX asks Word for.
type Role int

// The roles of the forms' fonts. The zero Role is Body.
const (
	Body     Role     = iota // everything filled in: 仿宋_GB2312
	Title                    // the form title: 方正小标宋简体
	Label                    // "附件N", table headers, 督办单 labels: 黑体
	Number                   // page numbers: 宋体; a Set draws them with its Body font
	numFaces = Number        // the roles with a font file of their own
)

// Roles returns the roles that have a font file of their own (Number uses
// Body's), in the order flags and messages list them: title, label, body.
func Roles() []Role { return []Role{Title, Label, Body} }

// String returns the role's name as used by flags and variables: "title",
// "label", "body" (and "number").
func (r Role) String() string {
	switch r {
	case Title:
		return "title"
	case Label:
		return "label"
	case Body:
		return "body"
	case Number:
		return "number"
	}
	return fmt.Sprintf("Role(%d)", int(r))
}

// Chinese returns the official font of the role: 方正小标宋简体, 黑体,
// 仿宋_GB2312, 宋体.
func (r Role) Chinese() string {
	switch r {
	case Title:
		return "方正小标宋简体"
	case Label:
		return "黑体"
	case Body:
		return "仿宋_GB2312"
	case Number:
		return "宋体"
	}
	return r.String()
}

// face returns the index of the role's font in a Set: Number and unknown
// roles use Body's.
func (r Role) face() Role {
	if r < 0 || r >= numFaces {
		return Body
	}
	return r
}

// EnvVar returns the environment variable that names the role's font file:
// ZSDOC_FONT_TITLE, ZSDOC_FONT_LABEL, ZSDOC_FONT_BODY.
func (r Role) EnvVar() string { return "ZSDOC_FONT_" + strings.ToUpper(r.String()) }

// EnvFallback names extra fallback font files, separated by the system's
// path list separator (":" on Unix, ";" on Windows).
const EnvFallback = "ZSDOC_FONT_FALLBACK"

// Set is the font of each role plus the fallback faces searched, in order,
// for a character the role's font lacks.
type Set struct {
	faces     [numFaces]*Face
	fallbacks []func() (*Face, error)
}

// Default returns the embedded fonts. The first call parses them (well
// under a millisecond: they are embedded uncompressed and read in place);
// later calls return the same faces. The full fallback font is
// decompressed and parsed only when a character needs it.
func Default() (*Set, error) {
	s := &Set{fallbacks: []func() (*Face, error){defaultFallback}}
	for role, load := range [numFaces]func() (*Face, error){Body: defaultBody, Title: defaultTitle, Label: defaultLabel} {
		f, err := load()
		if err != nil {
			return nil, err
		}
		s.faces[role] = f
	}
	return s, nil
}

// Face returns the font of a role (Body's for Number).
func (s *Set) Face(r Role) *Face { return s.faces[r.face()] }

// With returns a copy of the set using face for role r.
func (s *Set) With(r Role, face *Face) *Set {
	c := *s
	c.fallbacks = append([]func() (*Face, error)(nil), s.fallbacks...)
	c.faces[r.face()] = face
	return &c
}

// WithFallback returns a copy of the set that searches face for missing
// characters before the built-in fallback.
func (s *Set) WithFallback(face *Face) *Set {
	c := *s
	c.fallbacks = append([]func() (*Face, error){func() (*Face, error) { return face, nil }}, s.fallbacks...)
	return &c
}

// MissingGlyphError says that no font of the set can draw a character.
type MissingGlyphError struct {
	Rune rune
	Role Role
}

// Error says which character cannot be printed and what to do.
func (e *MissingGlyphError) Error() string {
	return fmt.Sprintf("字符“%c”（U+%04X）在所有可用字体中都没有字形，无法打印；请改用常用字，或用 %s 指定含有该字的字体文件",
		e.Rune, e.Rune, EnvFallback)
}

// Pick returns the face that draws r in role: the role's font when it has
// the glyph, else the first fallback that has it. It returns a
// *MissingGlyphError when none has.
func (s *Set) Pick(role Role, r rune) (*Face, error) {
	if f := s.faces[role.face()]; f.Has(r) {
		return f, nil
	}
	for _, load := range s.fallbacks {
		f, err := load()
		if err != nil {
			return nil, err
		}
		if f.Has(r) {
			return f, nil
		}
	}
	return nil, &MissingGlyphError{Rune: r, Role: role}
}

// LoadFile reads and parses a TrueType font file. It reads no more than
// MaxFileSize (and a byte, to tell a file too large).
//
// A font collection (.ttc) gives its first face, or the face a selector
// after '#' names, by index or name (see ParseCollection):
// "simsun.ttc#1", "simsun.ttc#NSimSun". A path that exists as it is
// written is read whole, '#' and all.
func LoadFile(path string) (*Face, error) {
	file, selector := path, ""
	if i := strings.LastIndexByte(path, '#'); i >= 0 {
		if _, err := os.Stat(path); err != nil {
			file, selector = path[:i], path[i+1:]
		}
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("无法读取字体文件：%w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	name := filepath.Base(file)
	if err != nil {
		return nil, fmt.Errorf("无法读取字体文件“%s”：%w", name, err)
	}
	if selector == "" {
		return Parse(name, data)
	}
	face, err := ParseCollection(name, data, selector)
	if err != nil {
		return nil, err
	}
	face.name = name + "#" + selector
	return face, nil
}

// Configure returns base with the font files named for roles (a missing or
// empty entry keeps the base font) and extra fallback files, in order.
func Configure(base *Set, files map[Role]string, fallbacks []string) (*Set, error) {
	s := base
	for _, r := range Roles() {
		path := files[r]
		if path == "" {
			continue
		}
		f, err := LoadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%s字体（%s）：%w", r.Chinese(), r, err)
		}
		if err := checkChinese(f); err != nil {
			return nil, fmt.Errorf("%s字体（%s）：%w", r.Chinese(), r, err)
		}
		s = s.With(r, f)
	}
	for i := len(fallbacks) - 1; i >= 0; i-- {
		if fallbacks[i] == "" {
			continue
		}
		f, err := LoadFile(fallbacks[i])
		if err != nil {
			return nil, fmt.Errorf("补缺字体：%w", err)
		}
		s = s.WithFallback(f)
	}
	return s, nil
}

// commonHan are characters every form prints (its title, labels and
// dates): a font for a role must have them. A font without them — an
// English-only font given by mistake — would print the Latin text in it
// and every Chinese character in a fallback font, silently mixing styles.
const commonHan = "市级重点招商项目单位日期年月"

// checkChinese refuses a role font that lacks the common Chinese characters.
func checkChinese(f *Face) error {
	var missing []rune
	for _, r := range commonHan {
		if !f.Has(r) {
			missing = append(missing, r)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return fmt.Errorf("字体文件“%s”不是中文字体：缺少“%s”等 %d 个常用汉字，请选用中文字体（如仿宋_GB2312、黑体）；"+
		"只需补充个别缺字时，请用补缺字体（%s）", f.Name(), string(missing[:min(len(missing), 3)]), len(missing), EnvFallback)
}

// FromEnv returns base configured by the environment variables
// ZSDOC_FONT_TITLE, ZSDOC_FONT_LABEL, ZSDOC_FONT_BODY and ZSDOC_FONT_FALLBACK.
func FromEnv(base *Set, getenv func(string) string) (*Set, error) {
	files := map[Role]string{}
	for _, r := range Roles() {
		files[r] = getenv(r.EnvVar())
	}
	var fallbacks []string
	if v := getenv(EnvFallback); v != "" {
		fallbacks = filepath.SplitList(v)
	}
	return Configure(base, files, fallbacks)
}
