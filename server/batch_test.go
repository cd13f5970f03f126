package server

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/batch"
	"github.com/zsdoc/zsdoc/forms"
)

// Every input gives the same PDF: a JSON array or envelope, CSV in UTF-8
// (charset named or not) and GB18030 (named gb18030 or gbk, or detected),
// a workbook (its sheet named or the first), and no Content-Type at all.
func TestBatchInputs(t *testing.T) {
	h := newHandler(t, Config{})
	orders := batchOrders(t, 5)
	js, csvData := jsonOrders(t, orders), csvOrders(t, orders)
	envelope := []byte(`{"orders": ` + string(js) + `}`)
	for _, c := range []struct {
		name, query, ct string
		body            []byte
	}{
		{"json", "", "application/json", js},
		{"json envelope", "", "application/json; charset=utf-8", envelope},
		{"no content type", "", "", js},
		{"csv", "", "text/csv", csvData},
		{"csv utf-8", "", "text/csv; charset=UTF-8", csvData},
		{"csv gb18030", "", "text/csv; charset=gb18030", gb18030(t, csvData)},
		{"csv gbk", "", "text/csv; charset=GBK", gb18030(t, csvData)},
		{"csv gb18030 detected", "", "text/csv", gb18030(t, csvData)},
		{"xlsx", "", mediaXLSX, xlsxOrders(t, "督办单", orders)},
		{"xlsx sheet", "?sheet=" + "%E7%9D%A3%E5%8A%9E%E5%8D%95", mediaXLSX, xlsxOrders(t, "督办单", orders)},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := postBatch(t, h, c.query, c.body, c.ct)
			if w.Code != http.StatusOK || !bytes.HasPrefix(w.Body.Bytes(), []byte("%PDF-")) {
				t.Fatalf("status %d: %.300s", w.Code, w.Body)
			}
			if pages := pageObjects(w.Body.Bytes()); pages != 5 {
				t.Errorf("%d pages, want 5", pages)
			}
			m := trailerManifest(t, w)
			if len(m) != 5 || m[4].Number != "督办〔2026〕5号" || m[4].Target != "第5督办单位" || m[4].FirstPage != 5 || m[4].Seal != "specimen" {
				t.Errorf("manifest %+v", m)
			}
			if w.Header().Get("X-Zsdoc-Orders") != "5" || w.Header().Get("ETag") != "" || w.Header().Get("Content-Length") != "" {
				t.Errorf("headers %v", w.Header())
			}
			if want := postBatch(t, h, "", js, "application/json"); !bytes.Equal(w.Body.Bytes(), want.Body.Bytes()) {
				t.Errorf("not the PDF of the same orders as JSON")
			}
		})
	}
}

// An invalid order is 422 naming it by its place in the input, nothing
// printed; skip_invalid prints the others and reports the skipped one.
func TestBatchInvalid(t *testing.T) {
	h := newHandler(t, Config{})
	for _, c := range []struct {
		name, ct, where string
		body            []byte
	}{
		{"json", "application/json", "第3份督办单", jsonOrders(t, withBad(batchOrders(t, 5), 2))},
		{"csv", "text/csv", "第8行", csvOrders(t, withBad(batchOrders(t, 5), 2))}, // records of 3 lines (工作要求)
		{"xlsx", mediaXLSX, "Sheet1 第4行", xlsxOrders(t, "Sheet1", withBad(batchOrders(t, 5), 2))},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := decodeProblem(t, postBatch(t, h, "", c.body, c.ct), http.StatusUnprocessableEntity)
			if len(p.Errors) != 1 || !strings.HasPrefix(p.Errors[0].Message, c.where) || p.Errors[0].Row == "" ||
				!strings.HasPrefix(p.Errors[0].Path, "[2]") || !strings.Contains(p.Detail, "skip_invalid") {
				t.Errorf("problem %+v, errors %+v", p, p.Errors)
			}
			w := postBatch(t, h, "?skip_invalid=1", c.body, c.ct)
			if w.Code != http.StatusOK || pageObjects(w.Body.Bytes()) != 4 {
				t.Fatalf("skip_invalid: status %d, %d pages: %.300s", w.Code, pageObjects(w.Body.Bytes()), w.Body)
			}
			if w.Header().Get("X-Zsdoc-Orders") != "4" || w.Header().Get("X-Zsdoc-Skipped") != "1" {
				t.Errorf("skip_invalid headers %v", w.Header())
			}
			var skipped forms.Errors
			if err := json.Unmarshal([]byte(w.Result().Trailer.Get("X-Zsdoc-Skipped-Errors")), &skipped); err != nil ||
				len(skipped) != 1 || skipped[0].Message != p.Errors[0].Message {
				t.Errorf("skipped trailer %v, %v", skipped, err)
			}
			if m := trailerManifest(t, w); len(m) != 4 || m[2].Index != 4 || m[2].FirstPage != 3 {
				t.Errorf("manifest %+v", m)
			}
		})
	}
	// Every order invalid: nothing to print, with skip_invalid too.
	all := batchOrders(t, 2)
	withBad(all, 0)
	withBad(all, 1)
	p := decodeProblem(t, postBatch(t, h, "?skip_invalid=1", jsonOrders(t, all), "application/json"), http.StatusUnprocessableEntity)
	if len(p.Errors) != 2 || !strings.Contains(p.Detail, "全部不合规") {
		t.Errorf("all invalid: %+v", p)
	}
	// A character no font has, in the first order, is found before the
	// first byte (the PDF writer starts after the first order's layout).
	glyph := batchOrders(t, 3)
	glyph[0]["content"] = "含有表情😀的内容"
	p = decodeProblem(t, postBatch(t, h, "", jsonOrders(t, glyph), "application/json"), http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Rule != "glyph" || !strings.Contains(p.Errors[0].Message, "第1份督办单") {
		t.Errorf("glyph: %+v", p.Errors)
	}
}

// The caller must be granted form supervision and every seal the printed
// orders name, or the whole batch is refused before anything is printed.
func TestBatchGrants(t *testing.T) {
	h, audit := tokenServer(t, nil)
	bearer := func(tok string) []string { return []string{"Authorization", "Bearer " + tok} }
	sealed := func(ids ...string) []byte {
		orders := batchOrders(t, len(ids))
		for i, id := range ids {
			orders[i]["seal"] = id
		}
		return jsonOrders(t, orders)
	}
	decodeProblem(t, postBatch(t, h, "", sealed("jingkai"), "application/json"), http.StatusUnauthorized)
	// B may stamp every seal but not render 附件6.
	p := decodeProblem(t, postBatch(t, h, "", sealed("jingkai"), "application/json", bearer(tokenB)...), http.StatusForbidden)
	if !strings.Contains(p.Detail, "附件6") {
		t.Errorf("form refusal %q", p.Detail)
	}
	// A may stamp jingkai only: one order with another seal, the specimen
	// included, or the default seal of the query, refuses the batch.
	for _, c := range []struct {
		query, refused string
		body           []byte
	}{
		{"", "gaoxin", sealed("jingkai", "jingkai", "gaoxin", "jingkai")},
		{"", "specimen", sealed("jingkai", "specimen")},
		{"?seal=gaoxin", "gaoxin", sealed("jingkai", "")},
	} {
		w := postBatch(t, h, c.query, c.body, "application/json", bearer(tokenA)...)
		p := decodeProblem(t, w, http.StatusForbidden)
		if !strings.Contains(p.Detail, "“"+c.refused+"”") || bytes.Contains(w.Body.Bytes(), []byte("%PDF")) {
			t.Errorf("%s %s: %q", c.query, c.refused, p.Detail)
		}
	}
	if audit.String() != "" {
		t.Fatalf("a refused batch was audited: %s", audit)
	}
	// Unknown seals are invalid data, in an order or in the query.
	p = decodeProblem(t, postBatch(t, h, "", sealed("jingkai", "nosuch"), "application/json", bearer(tokenA)...), http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Rule != "seal" || p.Errors[0].Path != "[1].seal" {
		t.Errorf("unknown seal in an order: %+v", p.Errors)
	}
	p = decodeProblem(t, postBatch(t, h, "?seal=nosuch", sealed(""), "application/json", bearer(tokenA)...), http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Rule != "seal" {
		t.Errorf("unknown seal in the query: %+v", p.Errors)
	}
	// Granted: printed, and audited once for the whole batch.
	w := postBatch(t, h, "?seal=jingkai", sealed("jingkai", "", "jingkai"), "application/json", bearer(tokenA)...)
	if w.Code != http.StatusOK {
		t.Fatalf("granted: status %d: %s", w.Code, w.Body)
	}
	var rec AuditRecord
	if err := json.Unmarshal([]byte(audit.String()), &rec); err != nil || strings.Count(audit.String(), "\n") != 1 {
		t.Fatalf("audit %q: %v", audit, err)
	}
	if rec.Client != "经开区招商局" || rec.Form != "supervision" || rec.Format != "pdf" || rec.Orders != 3 ||
		len(rec.Seals) != 1 || rec.Seals[0] != "jingkai" || rec.Bytes != w.Body.Len() ||
		rec.SHA256 != w.Result().Trailer.Get("X-Zsdoc-Sha256") || rec.SHA256 != sha256Hex(w.Body.Bytes()) {
		t.Errorf("audit record %+v", rec)
	}
}

// Without Access the specimen seal is the only one, and orders naming no
// seal are printed unstamped and not audited.
func TestBatchOpenMode(t *testing.T) {
	var audit syncBuffer
	h := newHandler(t, Config{Audit: &audit})
	orders := batchOrders(t, 2)
	if w := postBatch(t, h, "", jsonOrders(t, orders), "application/json"); w.Code != http.StatusOK {
		t.Fatalf("specimen: status %d: %s", w.Code, w.Body)
	}
	if n := strings.Count(audit.String(), "\n"); n != 1 || !strings.Contains(audit.String(), `"orders":2`) {
		t.Errorf("audit: %s", audit.String())
	}
	orders[1]["seal"] = "jingkai"
	decodeProblem(t, postBatch(t, h, "", jsonOrders(t, orders), "application/json"), http.StatusUnprocessableEntity)
	for _, o := range orders {
		delete(o, "seal")
	}
	if w := postBatch(t, h, "", jsonOrders(t, orders), "application/json"); w.Code != http.StatusOK {
		t.Errorf("unstamped: status %d", w.Code)
	}
	if n := strings.Count(audit.String(), "\n"); n != 1 {
		t.Errorf("an unstamped batch was audited: %s", audit.String())
	}
}

// Every refusal of the route has its status and a problem body.
func TestBatchClientErrors(t *testing.T) {
	h := newHandler(t, Config{MaxBatchBody: 64 << 10})
	js := jsonOrders(t, batchOrders(t, 2))
	csvData := csvOrders(t, batchOrders(t, 2))
	big := append(append([]byte("["), bytes.Repeat([]byte(" "), 70<<10)...), js[1:]...)
	for _, c := range []struct {
		name, query, ct string
		body            []byte
		hdr             []string
		status          int
	}{
		{"malformed JSON", "", "application/json", []byte(`[{"date":`), nil, 400},
		{"JSON declared, CSV sent", "", "application/json", csvData, nil, 400},
		{"no header row", "", "text/csv", []byte("a,b\n1,2\n"), nil, 400},
		{"bad flag", "?duplex=maybe", "application/json", js, nil, 400},
		{"unsupported format", "?format=xlsx", "application/json", js, nil, 406},
		{"unacceptable", "", "application/json", js, []string{"Accept", "text/html"}, 406},
		{"body over the limit", "", "application/json", big, nil, 413},
		{"plain text", "", "text/plain", js, nil, 415},
		{"JSON in GBK", "", "application/json; charset=gbk", js, nil, 415},
		{"CSV in Latin-1", "", "text/csv; charset=latin1", csvData, nil, 415},
		{"CSV declared, JSON sent", "", "text/csv", js, nil, 415},
		{"XLSX declared, CSV sent", "", mediaXLSX, csvData, nil, 415},
		{"compressed", "", "application/json", js, []string{"Content-Encoding", "gzip"}, 415},
		{"empty array", "", "application/json", []byte(`[]`), nil, 422},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := postBatch(t, h, c.query, c.body, c.ct, c.hdr...)
			p := decodeProblem(t, w, c.status)
			if (c.status == 400 && c.name != "bad flag" || c.status == 422) && len(p.Errors) == 0 {
				t.Errorf("no errors listed: %s", w.Body)
			}
		})
	}
	// A body of unannounced length is cut at the limit too.
	req := httptest.NewRequest("POST", batchPath, &unsizedReader{r: bytes.NewReader(bytes.Repeat([]byte(" "), 80<<10))})
	req.Header.Set("Content-Type", "application/json")
	decodeProblem(t, serve(h, req), http.StatusRequestEntityTooLarge)
	if w := call(t, h, "GET", batchPath, nil); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: status %d", w.Code)
	}
}

// format=docx answers a zip of one Word file per order, named as
// batch.FileName names them, and the manifest names them too.
func TestBatchDocx(t *testing.T) {
	h := newHandler(t, Config{})
	orders := batchOrders(t, 4)
	orders[2]["number"] = ""
	w := postBatch(t, h, "?format=docx", jsonOrders(t, orders), "application/json")
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != mediaZip {
		t.Fatalf("status %d, type %q: %.300s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	if cd := w.Header().Get("Content-Disposition"); !strings.Contains(cd, `filename="supervision-batch-4.zip"`) {
		t.Errorf("Content-Disposition %q", cd)
	}
	zr, err := zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	m := trailerManifest(t, w)
	if len(zr.File) != 4 || len(m) != 4 {
		t.Fatalf("%d files, %d manifest entries", len(zr.File), len(m))
	}
	for i, f := range zr.File {
		o := &forms.Supervision{Target: orders[i]["target"], Number: orders[i]["number"]}
		if want := batch.FileName(i+1, o); f.Name != want || m[i].File != want {
			t.Errorf("file %d: %q, manifest %q, want %q", i, f.Name, m[i].File, want)
		}
	}
}

// The OpenAPI document describes the route with its bodies and answers.
func TestBatchOpenAPI(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string `json:"operationId"`
			RequestBody struct {
				Content map[string]any `json:"content"`
			} `json:"requestBody"`
			Responses map[string]struct {
				Content map[string]any `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(call(t, newHandler(t, Config{}), "GET", "/v1/openapi.json", nil).Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	op, ok := doc.Paths[batchPath]["post"]
	if !ok {
		t.Fatalf("no POST %s", batchPath)
	}
	for _, ct := range []string{mediaJSON, mediaCSV, mediaXLSX} {
		if op.RequestBody.Content[ct] == nil {
			t.Errorf("request body lacks %s", ct)
		}
	}
	for _, ct := range []string{"application/pdf", mediaZip, mediaMultipart} {
		if op.Responses["200"].Content[ct] == nil {
			t.Errorf("answer lacks %s", ct)
		}
	}
	for _, code := range []string{"400", "401", "403", "406", "413", "415", "422", "503"} {
		if _, ok := op.Responses[code]; !ok {
			t.Errorf("no %s answer", code)
		}
	}
}
