package tabular

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"testing"
)

// Memory ceilings, far below what reading the refused content would take.
const (
	smallAlloc = 8 << 20
	rowAlloc   = 24 << 20
)

func checkAlloc(t *testing.T, what string, limit uint64, fn func()) {
	t.Helper()
	n := allocated(fn)
	t.Logf("%s: %d bytes allocated", what, n)
	if n > limit {
		t.Errorf("%s allocated %d bytes, more than %d", what, n, limit)
	}
}

func TestLimitColumns(t *testing.T) {
	csvRow := []byte("a\n" + strings.Repeat("1,", 100_000) + "1\n")
	var err error
	checkAlloc(t, "CSV row of 100k cells", rowAlloc, func() { _, err = readAll(t, csvRow, Options{}) })
	wantErr(t, err, ErrLimit, "第2行", "1024 列")
	// With lazy quotes the fields are counted after parsing.
	_, err = readAll(t, csvRow, Options{LazyQuotes: true})
	wantErr(t, err, ErrLimit, "第2行", "100001 列", "1024 列")
	// Separators inside quotes are no fields.
	many := []byte("\"" + strings.Repeat(",", 5000) + "\"\n\"a\nb\",c\n" + strings.Repeat("1,", 1023) + "1\n")
	if rows := mustRead(t, many, Options{}); len(rows) != 3 || len(rows[0].Cells[0].Text) != 5000 || len(rows[2].Cells) != 1024 || rows[2].Line != 4 {
		t.Errorf("quoted separators: %d rows", len(rows))
	}
	rows, err := readAll(t, append(many, "\"x\ny\"\n"+strings.Repeat("1,", 1024)+"\n"...), Options{})
	wantErr(t, err, ErrLimit, "第7行", "1024 列")
	if len(rows) != 4 || rows[3].Cell(0).Text != "x\ny" {
		t.Errorf("rows before the wide one: %d", len(rows))
	}

	sheet := sheetXML(`<row r="1"><c t="inlineStr"><is><t>a</t></is></c></row><row r="2">`+strings.Repeat("<c><v>1</v></c>", 100_000)+"</row>", "")
	data := rawBook(t, map[string]string{"xl/worksheets/sheet1.xml": sheet})
	checkAlloc(t, "XLSX row of 100k cells", smallAlloc, func() { _, err = readAll(t, data, Options{}) })
	wantErr(t, err, ErrLimit, "Sheet1 第2行 AMK列", "1024 列")

	// Empty styled cells far right are no cells; a value past the bound is.
	sheet = sheetXML(`<row r="3"><c r="A3"><v>1</v></c><c r="XFD3" s="1"/></row>`, "")
	if rows := mustRead(t, rawBook(t, map[string]string{"xl/worksheets/sheet1.xml": sheet}), Options{}); len(rows[0].Cells) != 1 {
		t.Errorf("cells: %+v", rows[0].Cells)
	}
	_, err = readAll(t, []byte("a,b,c\n"), Options{MaxColumns: 2})
	wantErr(t, err, ErrLimit, "第1行", "2 列的上限")
}

func TestLimitCellBytes(t *testing.T) {
	big := strings.Repeat("中", 333_334) // 1 MB
	in1, in10 := []byte("a,b\nx,"+big+"\n"), []byte("a\n\"x\n"+strings.Repeat(big, 10))
	var err error
	checkAlloc(t, "CSV cell of 1 MB", rowAlloc, func() { _, err = readAll(t, in1, Options{}) })
	wantErr(t, err, ErrLimit, "第2行 B列", "1000002 字节", "32 KiB")

	checkAlloc(t, "CSV cell of 10 MB", rowAlloc, func() { _, err = readAll(t, in10, Options{}) })
	wantErr(t, err, ErrLimit, "第2行起", "2 MiB", "引号")

	inline := sheetXML(`<row r="4"><c r="B4" t="inlineStr"><is><t>`+big+`</t></is></c></row>`, "")
	data := rawBook(t, map[string]string{"xl/worksheets/sheet1.xml": inline})
	checkAlloc(t, "XLSX cell of 1 MB", smallAlloc, func() { _, err = readAll(t, data, Options{}) })
	wantErr(t, err, ErrLimit, "超长的内容", "32 KiB")

	// Over the cell bound but not the token bound: the cell is named.
	mid := strings.Repeat("x", 40_000)
	sst := `<sst><si><t>短</t></si><si><t>` + mid + `</t></si></sst>`
	sheet := sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>`, "")
	_, err = readAll(t, rawBook(t, map[string]string{"xl/sharedStrings.xml": sst, "xl/worksheets/sheet1.xml": sheet}), Options{})
	wantErr(t, err, ErrLimit, "Sheet1 第1行 C列", "单元格内容超过 32 KiB")
	sheet = sheetXML(`<row r="1"><c r="A1" t="str"><v>`+mid+`</v></c></row>`, "")
	_, err = readAll(t, rawBook(t, map[string]string{"xl/worksheets/sheet1.xml": sheet}), Options{})
	wantErr(t, err, ErrLimit, "Sheet1 第1行 A列", "单元格内容超过 32 KiB")

	// A row of many cells under the cell bound but over the row bound.
	row := strings.Repeat(`<c t="inlineStr"><is><t>`+strings.Repeat("y", 30_000)+`</t></is></c>`, 80)
	_, err = readAll(t, rawBook(t, map[string]string{"xl/worksheets/sheet1.xml": sheetXML(`<row r="9">`+row+`</row>`, "")}), Options{})
	wantErr(t, err, ErrLimit, "Sheet1 第9行", "2 MiB")
}

func TestLimitRowsAndBytes(t *testing.T) {
	in := strings.Repeat("x,y\n", 100)
	_, err := readAll(t, []byte(in), Options{MaxRows: 10})
	wantErr(t, err, ErrLimit, "第11行", "10 行")
	_, err = readAll(t, []byte(in), Options{MaxBytes: 100})
	wantErr(t, err, ErrLimit, "100 字节")
	if rows := mustRead(t, []byte(in), Options{MaxBytes: 400, MaxRows: 100}); len(rows) != 100 {
		t.Errorf("%d rows at exactly the bounds", len(rows))
	}
	var rows strings.Builder
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&rows, `<row r="%d"><c><v>%d</v></c></row>`, i*2, i)
	}
	data := rawBook(t, map[string]string{"xl/worksheets/sheet1.xml": sheetXML(rows.String(), "")})
	_, err = readAll(t, data, Options{MaxRows: 5})
	wantErr(t, err, ErrLimit, "Sheet1 第12行", "5 行")
	_, err = Open(bytes.NewReader(data), Options{MaxBytes: int64(len(data) - 1)})
	wantErr(t, err, ErrLimit, "文件超过")
}

// bomb returns a raw deflate stream of a worksheet of about size bytes of
// repeated rows, and its CRC-32.
func bomb(t *testing.T, size int) ([]byte, uint32, uint64) {
	t.Helper()
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestSpeed)
	crc := crc32.NewIEEE()
	w := io.MultiWriter(fw, crc)
	n := 0
	write := func(s []byte) { w.Write(s); n += len(s) }
	write([]byte(`<worksheet><sheetData>`))
	chunk := []byte(strings.Repeat(`<row><c t="inlineStr"><is><t>AAAAAAAA</t></is></c></row>`, 1<<12))
	for n < size {
		write(chunk)
	}
	write([]byte(`</sheetData></worksheet>`))
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), crc.Sum32(), uint64(n)
}

// withRaw returns the workbook data with part replaced by a raw deflate
// entry that claims the given uncompressed size.
func withRaw(t *testing.T, data []byte, name string, raw []byte, crc uint32, declared uint64) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name != name {
			zw.Copy(f)
		}
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(len(raw)), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw)
	zw.Close()
	return out.Bytes()
}

func TestLimitZipBomb(t *testing.T) {
	raw, crc, size := bomb(t, 128<<20) // 128 MiB of XML in about 1 MB
	base := rawBook(t, nil)
	cases := []struct {
		name, part string
		declared   uint64
		opts       Options
		err        error
		want       []string
	}{
		{"honest sheet", "xl/worksheets/sheet1.xml", size, Options{}, ErrLimit, []string{"工作表“Sheet1”解压后有 128.2 MiB", "64 MiB"}},
		{"honest shared strings", "xl/sharedStrings.xml", size, Options{}, ErrLimit, []string{"共享字符串表解压后有"}},
		{"lying sheet", "xl/worksheets/sheet1.xml", 1 << 20, Options{}, ErrFormat, []string{"压缩数据有误"}},
		{"claims 4 GiB", "xl/styles.xml", 1 << 32, Options{}, ErrLimit, []string{"样式表解压后有 4 GiB"}},
		{"rows bound", "xl/worksheets/sheet1.xml", size, Options{MaxPartBytes: 1 << 30}, ErrLimit, []string{"Sheet1 第100001行", "100000 行"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := withRaw(t, base, c.part, raw, crc, c.declared)
			var err error
			limit := uint64(smallAlloc)
			if c.name == "rows bound" {
				limit = 256 << 20 // streams 100k rows: allocated per row, not held
			}
			checkAlloc(t, c.name, limit, func() { _, err = readAll(t, data, c.opts) })
			wantErr(t, err, c.err, c.want...)
		})
	}
}

func TestLimitStructure(t *testing.T) {
	deep := rawBook(t, map[string]string{"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c><v>1</v></c></row><row>`+strings.Repeat("<a>", 100_000), "")})
	var err error
	checkAlloc(t, "deep nesting", smallAlloc, func() { _, err = readAll(t, deep, Options{}) })
	wantErr(t, err, ErrFormat, "不是有效的 XML", "nested")

	parts := map[string]string{}
	for i := 0; i < maxParts; i++ {
		parts[fmt.Sprintf("junk/%d", i)] = "x"
	}
	_, err = Open(bytes.NewReader(rawBook(t, parts)), Options{})
	wantErr(t, err, ErrLimit, "10000 个的上限")

	overlap := sheetXML(`<row r="1"><c><v>1</v></c></row>`, `<mergeCells count="2"><mergeCell ref="A1:B3"/><mergeCell ref="B2:C2"/></mergeCells>`)
	_, err = Open(bytes.NewReader(rawBook(t, map[string]string{"xl/worksheets/sheet1.xml": overlap})), Options{})
	wantErr(t, err, ErrFormat, "合并单元格 A1:B3 与 B2:C2 重叠")

	var merges strings.Builder
	for i := 1; i <= 11; i++ {
		fmt.Fprintf(&merges, `<mergeCell ref="A%d:B%d"/>`, i*2, i*2+1)
	}
	many := sheetXML("", "<mergeCells>"+merges.String()+"</mergeCells>")
	_, err = Open(bytes.NewReader(rawBook(t, map[string]string{"xl/worksheets/sheet1.xml": many})), Options{MaxMerges: 10})
	wantErr(t, err, ErrLimit, "合并单元格超过 10 个")

	wide := sheetXML("", `<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>`)
	r, err := Open(bytes.NewReader(rawBook(t, map[string]string{"xl/worksheets/sheet1.xml": wide})), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if g, ok := r.MergeAt(1_000_000, 1000); !ok || g.String() != "A1:XFD1048576" {
		t.Errorf("whole-sheet merge: %v %v", g, ok)
	}
	for _, bad := range []string{`<row r="0"/>`, `<row r="3"><c><v>1</v></c></row><row r="2"><c><v>1</v></c></row>`,
		`<row><c r="B1"><v>1</v></c><c r="A1"><v>1</v></c></row>`, `<row><c r="1A"><v>1</v></c></row>`,
		`<row><c t="s"><v>7</v></c></row>`, `<row><c><v>1</v></c>`} {
		_, err := readAll(t, rawBook(t, map[string]string{"xl/worksheets/sheet1.xml": sheetXML(bad, "")}), Options{})
		wantErr(t, err, ErrFormat, "")
	}
}
