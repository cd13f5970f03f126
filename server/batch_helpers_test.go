package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zsdoc/zsdoc/batch"
	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
)

const batchPath = "/v1/supervision/batch"

// batchOrders returns n valid orders, the example 督办单 numbered 1 to n,
// as JSON key → text.
func batchOrders(t testing.TB, n int) []map[string]string {
	t.Helper()
	data, err := examples.Input(string(forms.SupervisionID))
	if err != nil {
		t.Fatal(err)
	}
	var base map[string]string
	if err := json.Unmarshal(data, &base); err != nil {
		t.Fatal(err)
	}
	out := make([]map[string]string, n)
	for i := range out {
		o := maps.Clone(base)
		o["number"] = fmt.Sprintf("督办〔2026〕%d号", i+1)
		o["target"] = fmt.Sprintf("第%d督办单位", i+1)
		out[i] = o
	}
	return out
}

// withBad makes order i (from 0) end before it starts.
func withBad(orders []map[string]string, i int) []map[string]string {
	orders[i]["to"] = "2026-11-01"
	return orders
}

// jsonOrders is orders as a JSON array.
func jsonOrders(t testing.TB, orders []map[string]string) []byte {
	t.Helper()
	data, err := json.Marshal(orders)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// csvOrders is orders as a UTF-8 CSV file with the header row of
// batch.Columns.
func csvOrders(t *testing.T, orders []map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	var header []string
	for _, l := range batch.Columns.Labels {
		header = append(header, l.Names[0])
	}
	w.Write(header)
	for _, o := range orders {
		var rec []string
		for _, l := range batch.Columns.Labels {
			rec = append(rec, o[l.Key])
		}
		w.Write(rec)
	}
	w.Flush()
	return buf.Bytes()
}

// gb18030 encodes UTF-8 text as GB18030.
func gb18030(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := simplifiedchinese.GB18030.NewEncoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// xlsxOrders is orders as a workbook: one sheet, named sheet, the header
// in row 1.
func xlsxOrders(t *testing.T, sheet string, orders []map[string]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	for j, l := range batch.Columns.Labels {
		col, _ := excelize.ColumnNumberToName(j + 1)
		f.SetCellValue(sheet, col+"1", l.Names[0])
		for i, o := range orders {
			f.SetCellValue(sheet, fmt.Sprintf("%s%d", col, i+2), o[l.Key])
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// postBatch sends a batch to h with Content-Type ct ("" for none) and
// further headers hdr, and records the answer.
func postBatch(t *testing.T, h http.Handler, query string, body []byte, ct string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	return call(t, h, "POST", batchPath+query, body, append([]string{"Content-Type", ct}, hdr...)...)
}

// trailerManifest decodes the manifest trailer of a recorded answer.
func trailerManifest(t *testing.T, w *httptest.ResponseRecorder) []batch.Entry {
	t.Helper()
	var m []batch.Entry
	v := w.Result().Trailer.Get("X-Zsdoc-Manifest")
	if err := json.Unmarshal([]byte(v), &m); err != nil {
		t.Fatalf("manifest trailer %q: %v", v, err)
	}
	return m
}

// sha256Hex is the hex SHA-256 of b.
func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
