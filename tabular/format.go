package tabular

import "bytes"

// Format is the kind of a file, as Detect tells it from its first bytes.
type Format int

// The formats. Only FormatCSV and FormatXLSX can be read; Open refuses the
// others with a Chinese message saying what to do.
const (
	FormatUnknown Format = iota // empty, or binary of another kind
	FormatCSV                   // text: CSV
	FormatXLSX                  // a zip archive: Excel 2007+ workbook
	FormatXLS                   // an OLE compound file: legacy .xls, or an encrypted workbook
	FormatJSON                  // text starting with '[' or '{': not a table
)

// String returns the format's usual name: "csv", "xlsx", "xls", "json" or
// "unknown".
func (f Format) String() string {
	switch f {
	case FormatCSV:
		return "csv"
	case FormatXLSX:
		return "xlsx"
	case FormatXLS:
		return "xls"
	case FormatJSON:
		return "json"
	}
	return "unknown"
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	bomUTF8  = []byte{0xEF, 0xBB, 0xBF}
	bomGB    = []byte{0x84, 0x31, 0x95, 0x33}
)

// DetectSize is how many leading bytes Detect needs to decide; fewer are
// fine for a shorter file.
const DetectSize = 512

// Detect tells the format of a file from its first bytes (DetectSize are
// enough): a zip archive is FormatXLSX, an OLE compound file FormatXLS; text
// whose first non-blank character (after a byte order mark) is '[' or '{'
// is FormatJSON, and other text is FormatCSV. Empty input, and binary input
// (a NUL byte, without a UTF-16 byte order mark), is FormatUnknown.
//
// A zip archive may still be no workbook (a .docx, an .ods): Open says so.
func Detect(head []byte) Format {
	switch {
	case len(head) == 0:
		return FormatUnknown
	case bytes.HasPrefix(head, zipMagic):
		return FormatXLSX
	case bytes.HasPrefix(head, oleMagic):
		return FormatXLS
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return FormatCSV // UTF-16 text: Open says to save it as UTF-8
	}
	text := bytes.TrimPrefix(bytes.TrimPrefix(head, bomUTF8), bomGB)
	if bytes.IndexByte(text, 0) >= 0 {
		return FormatUnknown
	}
	text = bytes.TrimLeft(text, " \t\r\n")
	if len(text) > 0 && (text[0] == '[' || text[0] == '{') {
		return FormatJSON
	}
	return FormatCSV
}
