package pdfw

import (
	"bytes"
	"compress/zlib"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// maxNum bounds every number written into content: PDF 1.4's limit on
// reals, comfortably beyond any page (at most 14,400 points a side).
const maxNum = 32767

// finite reports whether every v is a number within ±maxNum.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if !(v >= -maxNum && v <= maxNum) { // false for NaN
			return false
		}
	}
	return true
}

// milli returns v in thousandths, rounded half away from zero: the value
// appendNum writes, for comparing state (font size, spacing, line width).
func milli(v float64) int64 { return int64(math.Round(v * 1000)) }

// appendNum appends v rounded to three decimals, trailing zeros trimmed,
// never in exponent notation ("12", "0.5", "-3.125"). v must be finite and
// within ±maxNum.
func appendNum(b []byte, v float64) []byte { return appendMilli(b, milli(v)) }

// appendMilli appends n/1000 as appendNum does.
func appendMilli(b []byte, n int64) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/1000, 10)
	f := n % 1000
	if f == 0 {
		return b
	}
	b = append(b, '.', byte('0'+f/100))
	if f%100 != 0 {
		b = append(b, byte('0'+f/10%10))
		if f%10 != 0 {
			b = append(b, byte('0'+f%10))
		}
	}
	return b
}

// appendInt appends a decimal integer.
func appendInt(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }

// appendRef appends an indirect reference "num 0 R".
func appendRef(b []byte, num int) []byte {
	b = strconv.AppendInt(b, int64(num), 10)
	return append(b, " 0 R"...)
}

// appendPadded appends n in decimal, left-padded with zeros to width digits.
func appendPadded(b []byte, n int64, width int) []byte {
	var d [20]byte
	s := strconv.AppendInt(d[:0], n, 10)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

const hexDigits = "0123456789ABCDEF"

// appendHex appends p as upper-case hex digits.
func appendHex(b []byte, p []byte) []byte {
	for _, c := range p {
		b = append(b, hexDigits[c>>4], hexDigits[c&15])
	}
	return b
}

// appendHex16 appends v as four hex digits.
func appendHex16(b []byte, v uint16) []byte {
	return append(b, hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15])
}

// appendName appends s as a PDF name, escaping with #xx every byte that is
// not a regular character.
func appendName(b []byte, s string) []byte {
	b = append(b, '/')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x21 || c > 0x7e || c == '#' || strings.IndexByte("()<>[]{}/%", c) >= 0:
			b = append(b, '#', hexDigits[c>>4], hexDigits[c&15])
		default:
			b = append(b, c)
		}
	}
	return b
}

// appendText appends s as a PDF text string: a literal string when s is
// printable ASCII, else UTF-16BE with a byte order mark, in hex.
func appendText(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		b = append(b, "<FEFF"...)
		for _, r := range s { // invalid UTF-8 reads as U+FFFD
			b = appendUTF16(b, r)
		}
		return append(b, '>')
	}
	b = append(b, '(')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '(' || c == ')' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20 || c == 0x7f:
			b = append(b, '\\', '0'+c>>6, '0'+c>>3&7, '0'+c&7)
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}

// appendUTF16 appends r as UTF-16BE hex digits (a surrogate pair above the
// BMP). r must be a valid rune.
func appendUTF16(b []byte, r rune) []byte {
	if r < 0x10000 {
		return appendHex16(b, uint16(r))
	}
	hi, lo := utf16.EncodeRune(r)
	return appendHex16(appendHex16(b, uint16(hi)), uint16(lo))
}

// appendDate appends t as a PDF date string: (D:YYYYMMDDHHmmSS+HH'mm'),
// in t's own time zone ("Z" for UTC).
func appendDate(b []byte, t time.Time) []byte {
	b = append(b, "(D:"...)
	b = t.AppendFormat(b, "20060102150405")
	_, off := t.Zone()
	if off == 0 {
		b = append(b, 'Z')
	} else {
		sign := byte('+')
		if off < 0 {
			sign, off = '-', -off
		}
		b = append(b, sign)
		b = appendPadded(b, int64(off/3600), 2)
		b = append(b, '\'')
		b = appendPadded(b, int64(off/60%60), 2)
		b = append(b, '\'')
	}
	return append(b, ')')
}

// compressor deflates streams into a reused buffer with a reused zlib
// writer, so that compressing a page allocates nothing.
// zlibWriters keeps a few zlib writers (about 1 MB each) between
// documents, per compression level: making one per document was a fifth of
// the time of a small form. A bounded free list rather than a sync.Pool,
// which the frequent collections of a busy renderer empty.
var zlibWriters = func() (lists [10]chan *zlib.Writer) {
	for i := range lists {
		lists[i] = make(chan *zlib.Writer, 4)
	}
	return lists
}()

type compressor struct {
	level int
	zw    *zlib.Writer
	out   bytes.Buffer
}

// compress returns data in zlib format (what /FlateDecode reads). The
// result is valid until the next call.
func (c *compressor) compress(data []byte) []byte {
	c.out.Reset()
	if c.zw == nil {
		select {
		case c.zw = <-zlibWriters[c.level]:
			c.zw.Reset(&c.out)
		default:
			c.zw, _ = zlib.NewWriterLevel(&c.out, c.level) // level checked by New
		}
	} else {
		c.zw.Reset(&c.out)
	}
	c.zw.Write(data) // writes to a bytes.Buffer cannot fail
	c.zw.Close()
	return c.out.Bytes()
}

// shrink drops the output buffer after a large stream (a font, an image)
// so that it does not stay allocated for the rest of the document.
func (c *compressor) shrink() {
	if c.out.Cap() > 1<<20 {
		c.out = bytes.Buffer{}
	}
}

// release drops the buffers, after the last stream (a font may have made
// the output buffer large).
func (c *compressor) release() {
	if c.zw != nil {
		c.zw.Reset(io.Discard)
		select {
		case zlibWriters[c.level] <- c.zw:
		default: // enough kept
		}
	}
	c.zw = nil
	c.out = bytes.Buffer{}
}
