package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// book builds an .xlsx with excelize: fill writes into sheet "Sheet1".
func book(t testing.TB, fill func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	fill(f)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// set writes values into a sheet from a top-left cell, row by row.
func set(t testing.TB, f *excelize.File, sheet, topLeft string, rows ...[]any) {
	t.Helper()
	col, row, err := excelize.CellNameToCoordinates(topLeft)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(col, row+i)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
}

// styled returns a style id with number format id (built-in) or code
// (custom).
func styled(t testing.TB, f *excelize.File, id int, code string) int {
	t.Helper()
	st := &excelize.Style{NumFmt: id}
	if code != "" {
		st = &excelize.Style{CustomNumFmt: &code}
	}
	s, err := f.NewStyle(st)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// rawBook builds an .xlsx from XML parts with archive/zip, stored without
// compression: the defaults of a one-sheet workbook, replaced or completed
// by parts ("" removes one).
func rawBook(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	all := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>`, ""),
	}
	for k, v := range parts {
		if v == "" {
			delete(all, k)
		} else {
			all[k] = v
		}
	}
	names := make([]string, 0, len(all))
	for k := range all {
		names = append(names, k)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, all[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sheetXML wraps rows (and what follows sheetData, e.g. mergeCells) in a
// worksheet.
func sheetXML(rows, after string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<sheetData>` + rows + `</sheetData>` + after + `</worksheet>`
}

// readAll opens data and reads every row.
func readAll(t testing.TB, data []byte, opts Options) ([]Row, error) {
	t.Helper()
	r, err := Open(bytes.NewReader(data), opts)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var rows []Row
	for {
		row, err := r.Next()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		rows = append(rows, row)
	}
}

// mustRead is readAll that fails the test on an error.
func mustRead(t testing.TB, data []byte, opts Options) []Row {
	t.Helper()
	rows, err := readAll(t, data, opts)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return rows
}

// texts returns the rows' cell texts.
func texts(rows []Row) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		for _, c := range r.Cells {
			out[i] = append(out[i], c.Text)
		}
	}
	return out
}

// wantErr checks that err wraps target and its message contains each of
// parts.
func wantErr(t testing.TB, err, target error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want %v", target)
	}
	if target != nil && !errors.Is(err, target) {
		t.Fatalf("error %q (%T) does not wrap %v", err, err, target)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q lacks %q", err, p)
		}
	}
}

// allocated returns the bytes allocated while fn runs.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }
