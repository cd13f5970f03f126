package tabular

import (
	"bufio"
	"fmt"
	"io"
	"iter"
	"strconv"
)

// CellKind is the type of a cell's value.
type CellKind uint8

// The kinds of cell. A CSV cell is Empty or Text.
const (
	Empty      CellKind = iota // no value
	Text                       // a string
	Number                     // Text is the number as Excel's General format shows it
	Date                       // Text is "2026-11-26", or "2026-11-26 14:30:00" with a time of day
	Time                       // Text is "14:30:00": a time format without a date
	Bool                       // Text is "TRUE" or "FALSE"
	ErrorValue                 // Text is Excel's error value, e.g. "#DIV/0!"
)

// String returns the kind's name: "empty", "text", "number", "date", "time",
// "bool" or "error".
func (k CellKind) String() string {
	switch k {
	case Empty:
		return "empty"
	case Text:
		return "text"
	case Number:
		return "number"
	case Date:
		return "date"
	case Time:
		return "time"
	case Bool:
		return "bool"
	case ErrorValue:
		return "error"
	}
	return "CellKind(" + strconv.Itoa(int(k)) + ")"
}

// Cell is one cell of a row.
type Cell struct {
	Kind CellKind
	// Text is the value as text (see the kinds); "" for Empty. Text is
	// never trimmed and keeps line breaks.
	Text string
	// Raw is the value as the file stores it: for a Number, Date or Time
	// the stored number ("46352", "12.5", "1.5E+20"), for a Bool "1" or
	// "0"; otherwise the same as Text.
	Raw string
	// Formula is set when the cell holds a formula (.xlsx); the value is
	// the result Excel cached when it saved the file. A formula without a
	// cached result is Empty with Formula set.
	Formula bool
}

// Row is one non-blank row of a file.
type Row struct {
	// Cells holds the row's cells from column A on; trailing empty cells
	// are left out, so a cell past the end is empty (see Row.Cell).
	Cells []Cell
	// Line is the row's position, from 1: for CSV the line on which the
	// record starts (a quoted cell may span lines), for .xlsx the row
	// number.
	Line int
	// Sheet is the worksheet's name (.xlsx); "" for CSV.
	Sheet string
}

// Cell returns the cell in column i (0 is column A); an empty Cell past the
// end of the row.
func (r Row) Cell(i int) Cell {
	if i < 0 || i >= len(r.Cells) {
		return Cell{}
	}
	return r.Cells[i]
}

// IsBlank reports whether the row has no value and no formula.
func (r Row) IsBlank() bool {
	for _, c := range r.Cells {
		if c.Kind != Empty || c.Formula {
			return false
		}
	}
	return true
}

// Where names the row for a message: "第12行" (CSV) or "Sheet1 第7行"
// (.xlsx).
func (r Row) Where() string {
	if r.Sheet == "" {
		return fmt.Sprintf("第%d行", r.Line)
	}
	return fmt.Sprintf("%s 第%d行", r.Sheet, r.Line)
}

// WhereCell names the cell in column i of the row: "第12行 K列" or
// "Sheet1 第7行 K列".
func (r Row) WhereCell(i int) string {
	return r.Where() + " " + ColumnName(i) + "列"
}

// ColumnName returns the spreadsheet name of column i, counting from 0:
// 0 → "A", 10 → "K", 25 → "Z", 26 → "AA". It returns "" for i < 0.
func ColumnName(i int) string {
	if i < 0 {
		return ""
	}
	var b [16]byte
	n := len(b)
	for i++; i > 0; i = (i - 1) / 26 {
		n--
		b[n] = byte('A' + (i-1)%26)
	}
	return string(b[n:])
}

// source is a format's row reader.
type source interface {
	next() (Row, error) // io.EOF at the end
	close() error
}

// Reader reads the rows of a CSV file or of one worksheet of an .xlsx
// workbook. It is not safe for concurrent use.
type Reader struct {
	opts     Options
	format   Format
	src      source
	csv      *csvSource  // for CSV
	book     *xlsxSource // for .xlsx
	rows     int         // non-blank rows read
	err      error       // sticky: the error that ended reading
	peeked   bool
	peekRow  Row
	peekErr  error
	closeErr error
	closed   bool
}

// Open starts reading a CSV or .xlsx file from r. The format is detected
// from the first bytes (Detect) unless opts.Format is set. An .xlsx file is
// read into memory whole (it is a zip archive; at most opts.MaxBytes bytes)
// and its worksheet streamed; a CSV file is streamed. Open refuses a legacy
// .xls file, JSON and other files with a Chinese message. Call Close when
// done.
func Open(r io.Reader, opts Options) (rd *Reader, err error) {
	defer recoverTo(&err)
	if opts, err = opts.withDefaults(); err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(&limitReader{r: r, max: opts.MaxBytes}, 64<<10)
	format := opts.Format
	if format == FormatUnknown {
		head, _ := br.Peek(DetectSize)
		format = Detect(head)
	}
	rd = &Reader{opts: opts, format: format}
	switch format {
	case FormatCSV:
		if rd.csv, err = newCSVSource(br, opts); err != nil {
			return nil, err
		}
		rd.src = rd.csv
	case FormatXLSX:
		data, err := io.ReadAll(br)
		if err != nil {
			return nil, readFailed(err)
		}
		if rd.book, err = openXLSX(data, opts); err != nil {
			return nil, err
		}
		rd.src = rd.book
	case FormatXLS:
		return nil, newError(ErrFormat, "", "这是旧版 Excel 文件（.xls）或加了密码的工作簿，无法读取；请在 Excel 中去掉密码，另存为 .xlsx 或 CSV 后再导入")
	case FormatJSON:
		return nil, newError(ErrFormat, "", "这是 JSON 文件，不是表格")
	default:
		if _, err := br.Peek(1); err == io.EOF {
			return nil, newError(ErrFormat, "", "文件是空的")
		} else if err != nil {
			return nil, readFailed(err)
		}
		return nil, newError(ErrFormat, "", "无法识别的文件类型：请提供 .xlsx 或 CSV 文件")
	}
	return rd, nil
}

func readFailed(err error) error {
	if _, ok := err.(*Error); ok {
		return err
	}
	return newError(err, "", "读取文件失败：%v", err)
}

// limitReader reads at most max bytes from r and fails with ErrLimit when
// there is more.
type limitReader struct {
	r         io.Reader
	read, max int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.read >= l.max {
		var probe [1]byte
		k, err := l.r.Read(probe[:])
		if k == 0 {
			return 0, err
		}
		return 0, newError(ErrLimit, "", "文件超过 %s 的上限", sizeText(l.max))
	}
	if int64(len(p)) > l.max-l.read {
		p = p[:l.max-l.read]
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}

// Next returns the next non-blank row, or io.EOF after the last one. After
// an error, Next returns the same error again.
func (r *Reader) Next() (Row, error) {
	if r.peeked {
		r.peeked = false
		return r.peekRow, r.peekErr
	}
	return r.read()
}

// Peek returns the row that the next call to Next will return, without
// consuming it.
func (r *Reader) Peek() (Row, error) {
	if !r.peeked {
		r.peekRow, r.peekErr = r.read()
		r.peeked = true
	}
	return r.peekRow, r.peekErr
}

func (r *Reader) read() (row Row, err error) {
	if r.err != nil {
		return Row{}, r.err
	}
	if r.closed {
		return Row{}, newError(ErrFormat, "", "表格已关闭")
	}
	defer func() {
		if err != nil {
			row, r.err = Row{}, err
		}
	}()
	defer recoverTo(&err)
	for {
		row, err = r.src.next()
		if err != nil {
			return row, err
		}
		if row.IsBlank() {
			continue
		}
		if r.rows++; r.rows > r.opts.MaxRows {
			return row, newError(ErrLimit, row.Where(), "表格超过 %d 行的上限", r.opts.MaxRows)
		}
		return row, nil
	}
}

// Rows returns an iterator over the remaining rows, for a range loop. It
// stops after the last row, or after yielding an error (never io.EOF).
func (r *Reader) Rows() iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		for {
			row, err := r.Next()
			if err == io.EOF {
				return
			}
			if !yield(row, err) || err != nil {
				return
			}
		}
	}
}

// Close releases the reader. It does not close the io.Reader given to Open.
func (r *Reader) Close() (err error) {
	defer recoverTo(&err)
	if !r.closed {
		r.closed = true
		r.closeErr = r.src.close()
	}
	return r.closeErr
}

// Format returns the format being read: FormatCSV or FormatXLSX.
func (r *Reader) Format() Format { return r.format }

// Encoding returns the encoding of a CSV file as decided so far:
// EncodingUTF8 or EncodingGB18030. While only ASCII has been read it is
// EncodingUTF8. It is "" for .xlsx.
func (r *Reader) Encoding() string {
	if r.csv == nil {
		return ""
	}
	return r.csv.sniff.encoding()
}

// Sheet returns the name of the worksheet being read; "" for CSV.
func (r *Reader) Sheet() string {
	if r.book == nil {
		return ""
	}
	return r.book.sheet
}

// Sheets returns the names of the workbook's sheets, in workbook order; nil
// for CSV.
func (r *Reader) Sheets() []string {
	if r.book == nil {
		return nil
	}
	return append([]string(nil), r.book.sheets...)
}

// Merges returns the merged ranges of the worksheet, in file order; nil for
// CSV.
func (r *Reader) Merges() []Range {
	if r.book == nil {
		return nil
	}
	return append([]Range(nil), r.book.merges.list...)
}

// MergeAt returns the merged range that covers the cell in column col
// (0 is A) of row line (1-based, as Row.Line), if any.
func (r *Reader) MergeAt(line, col int) (Range, bool) {
	if r.book == nil {
		return Range{}, false
	}
	return r.book.merges.at(line, col)
}
