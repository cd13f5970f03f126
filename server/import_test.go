package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
)

// An exported workbook of every form imports back as the same form: the
// JSON answered renders to the same PDF as the example.
func TestImportExported(t *testing.T) {
	h := newHandler(t, Config{})
	ctx := context.Background()
	for _, in := range forms.All() {
		f, err := forms.Parse(in.ID, example(t, in.ID))
		if err != nil {
			t.Fatal(err)
		}
		var sheetFile, want bytes.Buffer
		if err := docgen.Render(ctx, &sheetFile, f, docgen.XLSX); err != nil {
			t.Fatal(err)
		}
		if err := docgen.Render(ctx, &want, f, docgen.PDF); err != nil {
			t.Fatal(err)
		}
		seal := strings.Join(f.SealIDs(), "")
		w := call(t, h, "POST", "/v1/forms/"+string(in.ID)+"/import?seal="+seal, sheetFile.Bytes(), "Content-Type", mediaXLSX)
		if w.Code != http.StatusOK {
			t.Errorf("%s: %d %s", in.ID, w.Code, w.Body)
			continue
		}
		back, err := forms.Parse(in.ID, w.Body.Bytes())
		if err != nil {
			t.Errorf("%s: the answer does not parse: %v\n%s", in.ID, err, w.Body)
			continue
		}
		var got bytes.Buffer
		if err := docgen.Render(ctx, &got, back, docgen.PDF); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: the imported form renders differently", in.ID)
		}
	}
}

// A CSV in GB18030 imports with its charset; a bad code is a 422 naming
// the row and column; other bodies are 415, 附件1 has nothing to import.
func TestImportErrors(t *testing.T) {
	h := newHandler(t, Config{})
	csv := "单位（盖章）：湘潭市商务局,,,,,,,填报日期：2026年11月26日\n" +
		"序号,项目名称,项目承接方,项目投资方,总投资,项目基本情况,项目落地进展情况,备注\n" +
		"1,智能装备产业园,湘潭经开区管委会,某某集团,12.5亿元,建设生产线,已开工,\n"
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String(csv)
	w := call(t, h, "POST", "/v1/forms/landing/import", []byte(gb), "Content-Type", "text/csv; charset=gb18030")
	var f forms.Landing
	if w.Code != http.StatusOK || json.Unmarshal(w.Body.Bytes(), &f) != nil || len(f.Rows) != 1 ||
		f.Rows[0].Name != "智能装备产业园" || f.Rows[0].TotalInvestment.String() != "12.5" || f.Unit != "湘潭市商务局" {
		t.Errorf("GB18030 CSV: %d %s", w.Code, w.Body)
	}
	bad := strings.Replace(csv, "12.5亿元", "很多", 1)
	w = call(t, h, "POST", "/v1/forms/landing/import", []byte(bad), "Content-Type", "text/csv")
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "E列【总投资】") {
		t.Errorf("bad amount: %d %s", w.Code, w.Body)
	}
	for _, c := range []struct {
		target, ct string
		status     int
	}{
		{"/v1/forms/landing/import", "image/png", http.StatusUnsupportedMediaType},
		{"/v1/forms/supervision/import", "text/csv", http.StatusUnsupportedMediaType},
		{"/v1/forms/workflow/import", mediaXLSX, http.StatusNotFound},
		{"/v1/forms/landing/import", mediaXLSX, http.StatusUnprocessableEntity}, // the reader names the broken file
	} {
		if w := call(t, h, "POST", c.target, []byte("not a sheet"), "Content-Type", c.ct); w.Code != c.status {
			t.Errorf("%s as %s: %d, want %d: %s", c.target, c.ct, w.Code, c.status, w.Body)
		}
	}
}

// An import over --max-body is 413 whether or not it says its length; a
// compressed body is 415; a CSV sent as text/plain is read by its bytes.
func TestImportLimits(t *testing.T) {
	h := newHandler(t, Config{MaxBody: 4 << 10})
	big := bytes.Repeat([]byte("序号,项目名称\n"), 1000)
	req := httptest.NewRequest("POST", "/v1/forms/landing/import", io.NopCloser(bytes.NewReader(big)))
	req.ContentLength = -1 // chunked: the length is found by reading
	req.Header.Set("Content-Type", "text/csv")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("unsized body over the limit: %d %s", w.Code, w.Body)
	}
	if w := call(t, h, "POST", "/v1/forms/landing/import", []byte("x"), "Content-Type", "text/csv", "Content-Encoding", "gzip"); w.Code != http.StatusUnsupportedMediaType {
		t.Errorf("gzip body: %d %s", w.Code, w.Body)
	}
	csv := "单位（盖章）：湘潭市商务局,,,,,,,填报日期：2026年11月26日\n" +
		"序号,项目名称,项目承接方,项目投资方,总投资,项目基本情况,项目落地进展情况,备注\n" +
		"1,智能装备产业园,湘潭经开区管委会,某某集团,12.5亿元,建设生产线,已开工,\n"
	if w := call(t, h, "POST", "/v1/forms/landing/import", []byte(csv), "Content-Type", "text/plain"); w.Code != http.StatusOK {
		t.Errorf("CSV as text/plain: %d %s", w.Code, w.Body)
	}
}
