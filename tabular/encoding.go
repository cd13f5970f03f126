package tabular

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// sniffReader decodes a CSV file to UTF-8. It strips a byte order mark and,
// when no encoding is forced or marked, decides between UTF-8 and GB18030 at
// the first non-ASCII byte: both encodings are ASCII-compatible, so what
// comes before that byte reads the same either way, however far into the
// file it is. The decision looks at up to sniffWindow bytes from that byte
// on (see sniffEncoding).
//
// It never reports encoding errors itself: the CSV source validates each
// field (UTF-8 must be valid; GB18030 text must not decode to U+FFFD, which
// the decoder writes for an invalid sequence), so that the error can name
// the line.
type sniffReader struct {
	br     *bufio.Reader
	enc    string    // decided encoding; "" while only ASCII was seen
	out    io.Reader // set once decided
	marked bool      // decided by a byte order mark or by Options
}

// sniffWindow is how many bytes from the first non-ASCII byte on decide the
// encoding. It must not exceed the bufio.Reader's size.
const sniffWindow = 16 << 10

func newSniffReader(br *bufio.Reader, forced string) (*sniffReader, error) {
	s := &sniffReader{br: br}
	head, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return nil, newError(ErrFormat, "", "文件是 UTF-16（Unicode 文本）编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx")
	case bytes.HasPrefix(head, bomUTF8):
		if forced == EncodingGB18030 {
			return nil, newError(ErrEncoding, "", "文件以 UTF-8 标记开头，却指定了 GB18030 编码；请去掉编码设置再试")
		}
		_, _ = br.Discard(len(bomUTF8))
		s.decide(EncodingUTF8)
		s.marked = true
	case bytes.HasPrefix(head, bomGB):
		if forced == EncodingUTF8 {
			return nil, newError(ErrEncoding, "", "文件以 GB18030 标记开头，却指定了 UTF-8 编码；请去掉编码设置再试")
		}
		_, _ = br.Discard(len(bomGB))
		s.decide(EncodingGB18030)
		s.marked = true
	case forced != "":
		s.decide(forced)
		s.marked = true
	}
	return s, nil
}

func (s *sniffReader) decide(enc string) {
	s.enc = enc
	if enc == EncodingGB18030 {
		s.out = transform.NewReader(s.br, simplifiedchinese.GB18030.NewDecoder())
	} else {
		s.out = s.br
	}
}

// encoding returns the encoding decided so far: UTF-8 while only ASCII was
// read (ASCII is the same in both).
func (s *sniffReader) encoding() string {
	if s.enc == "" {
		return EncodingUTF8
	}
	return s.enc
}

func (s *sniffReader) Read(p []byte) (int, error) {
	if s.out != nil {
		return s.out.Read(p)
	}
	if len(p) == 0 {
		return 0, nil
	}
	if s.br.Buffered() == 0 {
		if _, err := s.br.Peek(1); err != nil {
			return 0, err
		}
	}
	buf, _ := s.br.Peek(s.br.Buffered())
	i := 0
	for i < len(buf) && buf[i] < utf8.RuneSelf {
		i++
	}
	if i > 0 { // ASCII: the same in either encoding
		return s.br.Read(p[:min(i, len(p))])
	}
	window, err := s.br.Peek(min(sniffWindow, s.br.Size()))
	s.decide(sniffEncoding(window, err != nil))
	return s.out.Read(p)
}

// sniffEncoding decides the encoding of text that starts with a non-ASCII
// byte: UTF-8 when it is valid UTF-8, GB18030 when it is valid GB18030 and
// not UTF-8; when it is valid in neither, the one under which more of it
// is valid (so a UTF-8 file with one bad byte is read as UTF-8 and the bad
// byte reported where it is). When atEOF is false the text may end inside a
// character; that partial sequence is not held against either encoding.
func sniffEncoding(text []byte, atEOF bool) string {
	if !atEOF {
		text = trimPartialRune(text)
	}
	utf8Bad := len(text)
	if !utf8.Valid(text) {
		utf8Bad = firstInvalidUTF8(text)
	}
	if utf8Bad == len(text) || utf8Bad >= firstInvalidGB18030(text, atEOF) {
		return EncodingUTF8
	}
	return EncodingGB18030
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// firstInvalidGB18030 returns the offset of the first byte sequence that
// is not GB18030, as golang.org/x/text decodes it (0x80 is the euro sign),
// or len(b). A sequence cut by the end of b is valid unless atEOF.
func firstInvalidGB18030(b []byte, atEOF bool) int {
	for i := 0; i < len(b); {
		c0 := b[i]
		switch {
		case c0 <= 0x80:
			i++
			continue
		case c0 == 0xFF:
			return i
		}
		if i+1 >= len(b) {
			return cut(i, len(b), atEOF)
		}
		switch c1 := b[i+1]; {
		case 0x40 <= c1 && c1 <= 0x7E, 0x80 <= c1 && c1 <= 0xFE:
			i += 2
		case 0x30 <= c1 && c1 <= 0x39:
			if i+3 >= len(b) {
				return cut(i, len(b), atEOF)
			}
			c2, c3 := b[i+2], b[i+3]
			if c2 < 0x81 || c2 > 0xFE || c3 < 0x30 || c3 > 0x39 {
				return i
			}
			r := ((int(c0-0x81)*10+int(c1-0x30))*126+int(c2-0x81))*10 + int(c3-0x30)
			if r >= 39420 && (r < 189000 || r >= 189000+0x100000) {
				return i
			}
			i += 4
		default:
			return i
		}
	}
	return len(b)
}

func cut(i, n int, atEOF bool) int {
	if atEOF {
		return i
	}
	return n
}

// trimPartialRune drops from the end of b an incomplete but so far valid
// UTF-8 sequence: a lead byte followed by fewer continuation bytes than it
// announces.
func trimPartialRune(b []byte) []byte {
	for k := 1; k <= utf8.UTFMax-1 && k <= len(b); k++ {
		c := b[len(b)-k]
		if c < 0x80 {
			return b
		}
		if c >= 0xC0 { // a lead byte
			need := 2
			if c >= 0xF0 {
				need = 4
			} else if c >= 0xE0 {
				need = 3
			}
			if k < need {
				return b[:len(b)-k]
			}
			return b
		}
	}
	return b
}

// badTextOffset returns the byte offset in s of the first character that is
// invalid in enc, or -1. For UTF-8 that is an invalid byte sequence; for
// GB18030, U+FFFD, which the decoder writes for an invalid sequence.
func badTextOffset(s, enc string) int {
	if enc == EncodingGB18030 {
		return strings.IndexRune(s, utf8.RuneError)
	}
	if utf8.ValidString(s) {
		return -1
	}
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return -1
}
