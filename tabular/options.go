package tabular

import (
	"fmt"
	"strings"
)

// Default bounds, used where an Options field is zero.
const (
	DefaultMaxBytes      = 64 << 20 // input bytes (a compressed .xlsx is held in memory)
	DefaultMaxPartBytes  = 64 << 20 // unzipped bytes of one workbook part
	DefaultMaxRows       = 100_000  // non-blank rows, title and header rows included
	DefaultMaxColumns    = 1024     // cells per row
	DefaultMaxCellBytes  = 32 << 10 // bytes of one cell's text (UTF-8)
	DefaultMaxRowBytes   = 2 << 20  // bytes of one row's text; for CSV the raw record
	DefaultMaxMerges     = 100_000  // merged ranges of a worksheet
	DefaultMaxHeaderRows = 20       // rows searched for the header (Schema)
)

// maxParts bounds the entries of an .xlsx zip archive, the sheets of a
// workbook and the relationships of a part.
const maxParts = 10_000

// Options configure Open. The zero value detects the format and, for CSV, the
// encoding, reads the first worksheet, and applies the default bounds.
type Options struct {
	// Format forces the format; FormatUnknown (zero) detects it.
	Format Format
	// Encoding of a CSV file: "" detects UTF-8 (with or without BOM) or
	// GB18030; "utf-8" and "gb18030" force one ("utf8", "gbk", "gb2312" and
	// "cp936" are accepted too, the last three as GB18030, their superset).
	Encoding string
	// Comma is the CSV field separator; zero means ','.
	Comma rune
	// LazyQuotes accepts a bare " inside an unquoted CSV field and a single
	// " inside a quoted one, as encoding/csv does. Off by default: such a
	// file is refused with the line of the quote.
	LazyQuotes bool
	// Sheet names the worksheet of an .xlsx workbook to read; "" means the
	// first worksheet.
	Sheet string

	// MaxBytes bounds the input: the whole file, for CSV as for .xlsx.
	MaxBytes int64
	// MaxPartBytes bounds the unzipped size of each workbook part read
	// (worksheet, shared strings, styles, workbook, relationships).
	MaxPartBytes int64
	// MaxRows bounds the non-blank rows of the file or worksheet.
	MaxRows int
	// MaxColumns bounds the columns of a row: a cell in a column past it is
	// refused.
	MaxColumns int
	// MaxCellBytes bounds the UTF-8 bytes of one cell's text.
	MaxCellBytes int
	// MaxRowBytes bounds the bytes of one row (for CSV, the raw record,
	// quotes and line breaks included).
	MaxRowBytes int
	// MaxMerges bounds the merged ranges of a worksheet.
	MaxMerges int
}

// withDefaults returns o with every zero bound set to its default, or an
// error when a setting is invalid.
func (o Options) withDefaults() (Options, error) {
	setDefault(&o.MaxBytes, DefaultMaxBytes)
	setDefault(&o.MaxPartBytes, DefaultMaxPartBytes)
	setDefault(&o.MaxRows, DefaultMaxRows)
	setDefault(&o.MaxColumns, DefaultMaxColumns)
	setDefault(&o.MaxCellBytes, DefaultMaxCellBytes)
	setDefault(&o.MaxRowBytes, DefaultMaxRowBytes)
	setDefault(&o.MaxMerges, DefaultMaxMerges)
	if o.MaxBytes < 0 || o.MaxPartBytes < 0 || o.MaxRows < 0 || o.MaxColumns < 0 ||
		o.MaxCellBytes < 0 || o.MaxRowBytes < 0 || o.MaxMerges < 0 {
		return o, fmt.Errorf("tabular: negative limit in Options")
	}
	if o.MaxPartBytes > 1<<32-1 {
		return o, fmt.Errorf("tabular: Options.MaxPartBytes above 4 GiB")
	}
	if o.Comma == 0 {
		o.Comma = ','
	}
	enc, err := canonicalEncoding(o.Encoding)
	if err != nil {
		return o, err
	}
	o.Encoding = enc
	return o, nil
}

func setDefault[T int | int64](p *T, def T) {
	if *p == 0 {
		*p = def
	}
}

// Encoding names, as Options.Encoding and Reader.Encoding spell them.
const (
	EncodingUTF8    = "utf-8"
	EncodingGB18030 = "gb18030"
)

func canonicalEncoding(name string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "":
		return "", nil
	case "utf-8", "utf8":
		return EncodingUTF8, nil
	case "gb18030", "gbk", "gb2312", "cp936":
		return EncodingGB18030, nil
	}
	return "", &Error{
		Msg: fmt.Sprintf("不支持的编码“%s”，应为 utf-8 或 gb18030（gbk）", name),
		Err: ErrFormat,
	}
}
