package docx

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// xmlw builds one XML part. It writes markup verbatim and escapes text and
// attribute values; the first character that XML 1.0 cannot hold is kept as
// err and never written.
type xmlw struct {
	buf bytes.Buffer
	err error
}

// raw writes markup as is (the callers' literals are valid XML).
func (x *xmlw) raw(s string) { x.buf.WriteString(s) }

// int writes a decimal integer.
func (x *xmlw) int(n int64) {
	var b [20]byte
	x.buf.Write(strconv.AppendInt(b[:0], n, 10))
}

// elemInt writes <name attr="n"/>, e.g. elemInt("w:sz", "w:val", 28).
func (x *xmlw) elemInt(name, attr string, n int) {
	x.raw("<")
	x.raw(name)
	x.raw(" ")
	x.raw(attr)
	x.raw(`="`)
	x.int(int64(n))
	x.raw(`"/>`)
}

// header writes the XML declaration every part starts with.
func (x *xmlw) header() {
	x.raw(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
}

// escape writes s escaped for an attribute value or character data. source
// names the text for the error message ("第3行【项目名称】").
func (x *xmlw) escape(s, source string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			var esc string
			switch {
			case c == '<':
				esc = "&lt;"
			case c == '>':
				esc = "&gt;"
			case c == '&':
				esc = "&amp;"
			case c == '"':
				esc = "&quot;"
			case c == '\t' || c == '\n' || c == '\r':
				esc = "&#x" + strconv.FormatInt(int64(c), 16) + ";"
			case c < 0x20:
				x.fail(s, rune(c), source)
				return
			default:
				i++
				continue
			}
			x.buf.WriteString(s[last:i])
			x.buf.WriteString(esc)
			i++
			last = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || r == 0xFFFE || r == 0xFFFF {
			x.fail(s, r, source)
			return
		}
		i += n
	}
	x.buf.WriteString(s[last:])
}

// fail keeps the first bad character as the error.
func (x *xmlw) fail(s string, r rune, source string) {
	if x.err != nil {
		return
	}
	if source == "" {
		source = "文本“" + truncate(s, 20) + "”"
	}
	if r == utf8.RuneError {
		x.err = fmt.Errorf("%s含有无效的 UTF-8 字节，不能写入 Word 文件", source)
		return
	}
	x.err = fmt.Errorf("%s含有不能写入 Word 文件的控制字符 U+%04X", source, r)
}

// truncate shortens s to at most n runes of valid text for a message.
func truncate(s string, n int) string {
	out := make([]rune, 0, n)
	for _, r := range s {
		if len(out) == n {
			return string(out) + "…"
		}
		if r >= 0x20 && r != utf8.RuneError {
			out = append(out, r)
		}
	}
	return string(out)
}

// attr writes ` name="value"` with value escaped.
func (x *xmlw) attr(name, value string) {
	x.raw(" ")
	x.raw(name)
	x.raw(`="`)
	x.escape(value, "")
	x.raw(`"`)
}
