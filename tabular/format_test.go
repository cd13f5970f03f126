package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	cases := []struct {
		head string
		want Format
	}{
		{"", FormatUnknown},
		{"PK\x03\x04rest", FormatXLSX},
		{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", FormatXLS},
		{"编号,日期\n", FormatCSV},
		{"\xEF\xBB\xBF编号,日期\n", FormatCSV},
		{" \r\n [{\"a\":1}]", FormatJSON},
		{"\xEF\xBB\xBF{\"orders\":[]}", FormatJSON},
		{"\xFF\xFEa\x00", FormatCSV},
		{"%PDF-1.7\n\x00\x01", FormatUnknown},
		{"PK\x05\x06", FormatCSV}, // an empty zip is no workbook; read as text it fails later
	}
	for _, c := range cases {
		if got := Detect([]byte(c.head)); got != c.want {
			t.Errorf("Detect(%q) = %v, want %v", c.head, got, c.want)
		}
	}
	for f, want := range map[Format]string{FormatUnknown: "unknown", FormatCSV: "csv", FormatXLSX: "xlsx", FormatXLS: "xls", FormatJSON: "json"} {
		if f.String() != want {
			t.Errorf("%d.String() = %q", f, f.String())
		}
	}
}

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, _ := zw.Create(name)
		io.WriteString(w, body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestOpenRefuses(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		opts Options
		err  error
		want string
	}{
		{"xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), Options{}, ErrFormat, "另存为 .xlsx 或 CSV"},
		{"json", []byte(`[{"number":"1"}]`), Options{}, ErrFormat, "JSON"},
		{"empty", nil, Options{}, ErrFormat, "文件是空的"},
		{"binary", []byte("\x00\x01\x02"), Options{}, ErrFormat, "无法识别"},
		{"docx", zipOf(t, map[string]string{"word/document.xml": "<w/>"}), Options{}, ErrFormat, "Word 文档"},
		{"ods", zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}), Options{}, ErrFormat, ".ods"},
		{"zip", zipOf(t, map[string]string{"a.txt": "a"}), Options{}, ErrFormat, "不是 Excel 工作簿"},
		{"broken zip", []byte("PK\x03\x04 not really"), Options{}, ErrFormat, "不是有效的 .xlsx"},
		{"forced xlsx", []byte("a,b\n"), Options{Format: FormatXLSX}, ErrFormat, "不是有效的 .xlsx"},
		{"no worksheet", rawBook(t, map[string]string{"xl/worksheets/sheet1.xml": ""}), Options{}, ErrFormat, "找不到工作表“Sheet1”"},
		{"bad option", []byte("a"), Options{MaxRows: -1}, nil, "negative"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Open(bytes.NewReader(c.data), c.opts)
			wantErr(t, err, c.err, c.want)
		})
	}
}

// An error from the caller's reader reaches the caller, wrapped.
func TestOpenReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	r, err := Open(io.MultiReader(strings.NewReader("a,b\n"), &failing{boom}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if row, err := r.Next(); err != nil || row.Cell(1).Text != "b" {
		t.Fatalf("first row %+v, %v", row, err)
	}
	_, err = r.Next()
	wantErr(t, err, boom, "读取文件失败")
	_, err = Open(io.MultiReader(strings.NewReader("PK\x03\x04"), &failing{boom}), Options{})
	wantErr(t, err, boom, "读取文件失败")
}

type failing struct{ err error }

func (f *failing) Read([]byte) (int, error) { return 0, f.err }
