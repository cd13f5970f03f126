package tabular

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// csvSource reads rows of a CSV file, decoded by a sniffReader and bounded
// by a recordGuard.
type csvSource struct {
	cr      *csv.Reader
	sniff   *sniffReader
	guard   *recordGuard
	opts    Options
	endLine int // line on which the last record ended
}

func newCSVSource(br *bufio.Reader, opts Options) (*csvSource, error) {
	sniff, err := newSniffReader(br, opts.Encoding)
	if err != nil {
		return nil, err
	}
	guard := &recordGuard{r: sniff, limit: int64(opts.MaxRowBytes) + guardSlack,
		count: !opts.LazyQuotes && opts.Comma < utf8.RuneSelf && opts.Comma != '"' && opts.Comma != '\n',
		comma: byte(opts.Comma), fields: 1, line: 1, recLine: 1}
	cr := csv.NewReader(guard)
	cr.Comma = opts.Comma
	cr.LazyQuotes = opts.LazyQuotes
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	s := &csvSource{cr: cr, sniff: sniff, guard: guard, opts: opts}
	guard.src = s
	return s, nil
}

// guardSlack is what csv.Reader may read past a record's end (its bufio
// buffer is 4 KiB) on top of MaxRowBytes.
const guardSlack = 64 << 10

// recordGuard bounds what csv.Reader may take for one record, before it
// parses it: how far past the end of the last record it may read (an
// unclosed quote swallows the rest of the file into one record), so that
// a record never takes more than MaxRowBytes of memory; and, unless quotes
// are lazy, how many fields the current record has, counting separators
// outside quotes (encoding/csv spends some 40 bytes on each field, so a
// line of commas would otherwise cost forty times its size).
type recordGuard struct {
	r     io.Reader
	src   *csvSource
	read  int64 // bytes handed out
	base  int64 // input offset of the end of the last record
	limit int64

	count   bool // count fields: strict quotes and a one-byte separator
	comma   byte
	quoted  bool // inside a quoted field
	fields  int  // fields of the current record so far
	line    int  // current line
	recLine int  // line on which the current record started
	err     error
}

func (g *recordGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	room := g.base + g.limit - g.read
	if room <= 0 {
		line := g.src.endLine + 1
		if g.count {
			line = g.recLine
		}
		return 0, newError(ErrLimit, fmt.Sprintf("第%d行起", line),
			"这一行超过 %s 的上限（可能有未配对的英文双引号，使后面的内容都并入了一个单元格）",
			sizeText(int64(g.src.opts.MaxRowBytes)))
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := g.r.Read(p)
	if g.count {
		n = g.scan(p[:n])
		if g.err != nil {
			err = nil // the bytes before the record in error first
		}
	}
	g.read += int64(n)
	return n, err
}

// scan follows quotes, lines and fields through b. When a record gets too
// many fields it sets g.err and returns how many bytes of b precede that
// record's last line break (the records before it are fine).
func (g *recordGuard) scan(b []byte) int {
	lastBreak := 0
	for i, c := range b {
		switch c {
		case '"':
			g.quoted = !g.quoted
		case '\n':
			g.line++
			if !g.quoted {
				g.fields, g.recLine = 1, g.line
				lastBreak = i + 1
			}
		case g.comma:
			if !g.quoted {
				if g.fields++; g.fields > g.src.opts.MaxColumns {
					g.err = newError(ErrLimit, fmt.Sprintf("第%d行", g.recLine), "这一行超过 %d 列的上限", g.src.opts.MaxColumns)
					return lastBreak
				}
			}
		}
	}
	return len(b)
}

func (s *csvSource) next() (Row, error) {
	rec, err := s.cr.Read()
	if err != nil {
		return Row{}, s.readError(err)
	}
	line, _ := s.cr.FieldPos(0)
	last := len(rec) - 1
	lastLine, _ := s.cr.FieldPos(last)
	s.endLine = lastLine + strings.Count(rec[last], "\n")
	start, end := s.guard.base, s.cr.InputOffset()
	s.guard.base = end
	where := fmt.Sprintf("第%d行", line)
	if len(rec) > s.opts.MaxColumns {
		return Row{}, newError(ErrLimit, where, "这一行有 %d 列，超过 %d 列的上限", len(rec), s.opts.MaxColumns)
	}
	if end-start > int64(s.opts.MaxRowBytes) {
		return Row{}, newError(ErrLimit, where, "这一行超过 %s 的上限", sizeText(int64(s.opts.MaxRowBytes)))
	}
	for last >= 0 && rec[last] == "" {
		last--
	}
	row := Row{Line: line, Cells: make([]Cell, last+1)}
	enc := s.sniff.encoding()
	for i, text := range rec[:last+1] {
		if len(text) > s.opts.MaxCellBytes {
			return Row{}, newError(ErrLimit, row.WhereCell(i), "单元格内容有 %d 字节，超过 %s 的上限",
				len(text), sizeText(int64(s.opts.MaxCellBytes)))
		}
		if off := badTextOffset(text, enc); off >= 0 {
			fl, _ := s.cr.FieldPos(i)
			bad := Row{Line: fl + strings.Count(text[:off], "\n")}
			return Row{}, encodingError(bad.WhereCell(i), enc, s.sniff.marked)
		}
		if text != "" {
			row.Cells[i] = Cell{Kind: Text, Text: text, Raw: text}
		}
	}
	return row, nil
}

func encodingError(where, enc string, marked bool) error {
	if enc == EncodingGB18030 {
		if marked {
			return newError(ErrEncoding, where, "含有不能按 GB18030（GBK）解码的字节；请确认文件的编码")
		}
		return newError(ErrEncoding, where, "含有既不是 UTF-8 也不是 GB18030（GBK）编码的字节；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”")
	}
	if marked {
		return newError(ErrEncoding, where, "含有不是 UTF-8 编码的字节；请确认文件的编码")
	}
	return newError(ErrEncoding, where, "含有不是 UTF-8 编码的字节（文件前面的内容是 UTF-8）；如果文件是 GB18030（GBK）编码，请指定编码")
}

// readError turns an error of csv.Reader into an *Error.
func (s *csvSource) readError(err error) error {
	var te *Error
	if errors.Is(err, io.EOF) || errors.As(err, &te) {
		return err
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		where := fmt.Sprintf("第%d行", pe.Line)
		switch {
		case errors.Is(pe.Err, csv.ErrBareQuote):
			return newError(ErrFormat, where, "第%d个字符处，不带引号的单元格里有英文双引号（\"）；请把这个单元格整个用双引号括起来，并把其中的每个双引号写成两个", pe.Column)
		case errors.Is(pe.Err, csv.ErrQuote):
			return newError(ErrFormat, where, "带引号的单元格（从第%d行开始）里有多余或缺少的英文双引号（\"）", pe.StartLine)
		}
		var te *Error
		if errors.As(pe.Err, &te) {
			return te
		}
		return newError(ErrFormat, where, "CSV 格式错误：%v", pe.Err)
	}
	return newError(err, "", "读取文件失败：%v", err)
}

func (s *csvSource) close() error { return nil }
