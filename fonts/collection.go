package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// MaxCollectionFaces is the most faces a font collection (.ttc) may hold:
// real ones hold two to a dozen.
const MaxCollectionFaces = 64

// ErrNoSuchFace says that a font collection has no face the selector
// names (see ParseCollection). The errors that say so list the faces.
var ErrNoSuchFace = errors.New("字体集中没有所选的字体")

// noSuchFaceError is an ErrNoSuchFace with its own message.
type noSuchFaceError struct{ msg string }

func (e *noSuchFaceError) Error() string        { return e.msg }
func (e *noSuchFaceError) Is(target error) bool { return target == ErrNoSuchFace }

// isCollection reports whether data is a font collection (.ttc/.otc).
func isCollection(data []byte) bool { return len(data) >= 4 && string(data[:4]) == "ttcf" }

// collectionFace is one face of a collection as its directory says.
type collectionFace struct {
	offset int      // of its table directory
	err    error    // what is wrong with its directory
	names  []string // PostScript, family, legacy family and full names
}

// label is how the face is listed: its PostScript name, else its family.
func (c *collectionFace) label() string {
	for _, n := range c.names {
		if n != "" {
			return n
		}
	}
	if c.err != nil {
		return "（已损坏）"
	}
	return "（无名称）"
}

// readCollection reads a collection's header and every face's names:
// at most MaxCollectionFaces, every offset inside the file. Only the
// directory records up to the name table's are read (the face picked is
// read in full later), so that the work stays bounded by the file's
// size. A face whose directory is damaged is kept with its error.
func readCollection(data []byte) ([]collectionFace, error) {
	if len(data) < 12 {
		return nil, &corruptError{"字体集合的文件头不完整"}
	}
	n := binary.BigEndian.Uint32(data[8:])
	if n == 0 || n > MaxCollectionFaces {
		return nil, &corruptError{fmt.Sprintf("字体集合有 %d 个字体，应在 1 到 %d 之间", n, MaxCollectionFaces)}
	}
	if 12+4*int(n) > len(data) {
		return nil, &corruptError{"字体集合的字体目录超出文件末尾"}
	}
	faces := make([]collectionFace, n)
	for i := range faces {
		c := &faces[i]
		off := binary.BigEndian.Uint32(data[12+4*i:])
		if uint64(off)+12 > uint64(len(data)) {
			c.err = &corruptError{fmt.Sprintf("字体集合中第 %d 个字体的位置超出文件末尾", i)}
			continue
		}
		c.offset = int(off)
		tables := int(binary.BigEndian.Uint16(data[c.offset+4:]))
		if c.offset+12+16*tables > len(data) {
			c.err = &corruptError{fmt.Sprintf("表目录损坏（%d 个表，文件只有 %d 字节）", tables, len(data))}
			continue
		}
		for k := 0; k < tables; k++ {
			rec := data[c.offset+12+16*k:]
			at, ln := uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
			if string(rec[:4]) == "name" && at+ln <= uint64(len(data)) {
				name := data[at : at+ln]
				c.names = []string{postScriptName(name), familyName(name), nameRecord(name, 1, 1), fullName(name)}
				break
			}
		}
	}
	return faces, nil
}

// ParseCollection reads one face of a TrueType collection (.ttc): the
// selector is its index ("0", "1", …) or its PostScript, family or full
// name (compared without regard to case); "" picks the first face. The
// face is extracted into a standalone TrueType font (its Data), checked as
// Parse checks a font file. A single font file is taken as a collection
// of one face.
//
// A selector that names no face gets an error (ErrNoSuchFace) that lists
// the faces: 字体集“simsun.ttc”中没有“Foo”，可用的字体：0 SimSun、1 NSimSun.
// Other errors are Parse's: 字体文件“name”无法使用：….
func ParseCollection(name string, data []byte, selector string) (*Face, error) {
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("字体文件“%s”无法使用：%w", name, ErrTooLarge)
	}
	if !isCollection(data) {
		f, err := parseNamed(name, data, false)
		if err != nil || selector == "" || selector == "0" || matches(selector, f.PostScriptName(), f.family, f.fullNames()) {
			return f, err
		}
		return nil, &noSuchFaceError{fmt.Sprintf("字体文件“%s”不是字体集，其中只有一个字体“%s”，没有“%s”",
			name, f.PostScriptName(), selector)}
	}
	faces, err := readCollection(data)
	if err != nil {
		return nil, fmt.Errorf("字体文件“%s”无法使用：%w", name, err)
	}
	i := pickFace(faces, selector)
	if i < 0 {
		list := make([]string, len(faces))
		for k := range faces {
			list[k] = fmt.Sprintf("%d %s", k, faces[k].label())
		}
		return nil, &noSuchFaceError{fmt.Sprintf("字体集“%s”中没有“%s”，可用的字体：%s", name, selector, strings.Join(list, "、"))}
	}
	f, err := extractFace(data, &faces[i])
	if err != nil {
		return nil, fmt.Errorf("字体文件“%s”无法使用：字体集中的第 %d 个字体“%s”：%w", name, i, faces[i].label(), err)
	}
	f.name = name
	return f, nil
}

// fullNames returns the face's legacy family and full names.
func (f *Face) fullNames() []string {
	name := f.tab["name"]
	if len(name) == 0 {
		return nil
	}
	return []string{nameRecord(name, 1, 1), fullName(name)}
}

// matches reports whether selector is one of the names, without regard
// to case.
func matches(selector string, psName, family string, more []string) bool {
	for _, n := range append([]string{psName, family}, more...) {
		if n != "" && strings.EqualFold(n, selector) {
			return true
		}
	}
	return false
}

// pickFace returns the index of the face the selector names, -1 if none.
func pickFace(faces []collectionFace, selector string) int {
	if selector == "" {
		return 0
	}
	if i, err := strconv.Atoi(selector); err == nil && selector == strconv.Itoa(i) {
		if i >= 0 && i < len(faces) {
			return i
		}
		return -1
	}
	for i := range faces {
		if len(faces[i].names) > 0 && matches(selector, faces[i].names[0], faces[i].names[1], faces[i].names[2:]) {
			return i
		}
	}
	return -1
}

// extractFace writes a face of a collection as a standalone font and
// parses it.
func extractFace(data []byte, c *collectionFace) (*Face, error) {
	if c.err != nil {
		return nil, c.err
	}
	if err := sfntKind(data[c.offset:]); err != nil {
		return nil, err
	}
	t, _, err := readDirectory(data, c.offset)
	if err != nil {
		return nil, err
	}
	if _, ok := t["glyf"]; !ok {
		if _, cff := t["CFF "]; cff {
			return nil, ErrCFF
		}
	}
	if head, ok := t["head"]; !ok {
		return nil, errMissing("head")
	} else if len(head) < 54 {
		return nil, errCorrupt("head", "只有 %d 字节", len(head))
	}
	tabs := make([]outTable, 0, len(t))
	for tag, b := range t {
		tabs = append(tabs, outTable{tag: tag, data: b})
	}
	return parse(writeSFNT(tabs), false)
}
