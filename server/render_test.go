package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
)

// checkDocument checks a document answer: status 200, type, length,
// Chinese file name, ETag of the content.
func checkDocument(t *testing.T, w interface {
	Header() http.Header
}, body []byte, format docgen.Format, wantName string) {
	t.Helper()
	h := w.Header()
	if ct := h.Get("Content-Type"); ct != format.ContentType() {
		t.Errorf("Content-Type %q, want %q", ct, format.ContentType())
	}
	if cl := h.Get("Content-Length"); cl != strconv.Itoa(len(body)) {
		t.Errorf("Content-Length %q, body %d bytes", cl, len(body))
	}
	magic := map[docgen.Format]string{docgen.PDF: "%PDF-", docgen.DOCX: "PK\x03\x04"}[format]
	if !bytes.HasPrefix(body, []byte(magic)) {
		t.Errorf("body is not a %s file", format)
	}
	cd := h.Get("Content-Disposition")
	disp, params, err := mime.ParseMediaType(cd)
	if err != nil || disp != "attachment" {
		t.Fatalf("Content-Disposition %q: %v", cd, err)
	}
	if params["filename"] != wantName { // mime decodes filename* into filename
		t.Errorf("file name %q, want %q (header %q)", params["filename"], wantName, cd)
	}
	fallback := cd[strings.Index(cd, `filename="`)+len(`filename="`):]
	fallback = fallback[:strings.IndexByte(fallback, '"')]
	for _, c := range []byte(fallback) {
		if c < 0x20 || c > 0x7e {
			t.Errorf("ASCII file name %q holds byte %#x", fallback, c)
		}
	}
	if !strings.HasSuffix(fallback, "."+string(format)) {
		t.Errorf("ASCII file name %q lacks the extension", fallback)
	}
	sum := sha256.Sum256(body)
	if etag := h.Get("ETag"); etag != `"`+hex.EncodeToString(sum[:])+`"` {
		t.Errorf("ETag %q is not the content's SHA-256", etag)
	}
}

func TestRenderEveryForm(t *testing.T) {
	h := newHandler(t, Config{})
	for _, in := range forms.All() {
		input := example(t, in.ID)
		f, err := forms.Parse(in.ID, input)
		if err != nil {
			t.Fatal(err)
		}
		for _, format := range formats {
			t.Run(string(in.ID)+"/"+string(format), func(t *testing.T) {
				w := call(t, h, "POST", "/v1/forms/"+string(in.ID)+"?format="+string(format), input)
				if w.Code != http.StatusOK {
					t.Fatalf("status %d: %s", w.Code, w.Body)
				}
				checkDocument(t, w, w.Body.Bytes(), format, docgen.FileName(f, format))
				if !strings.HasPrefix(docgen.FileName(f, format), in.Attachment+"-") {
					t.Errorf("file name %q does not start with %s", docgen.FileName(f, format), in.Attachment)
				}
				// The same format asked with Accept gives the same bytes.
				w2 := call(t, h, "POST", "/v1/forms/"+string(in.ID), input, "Accept", format.ContentType())
				if w2.Code != http.StatusOK || !bytes.Equal(w2.Body.Bytes(), w.Body.Bytes()) {
					t.Errorf("Accept %s: status %d, same bytes %v", format.ContentType(), w2.Code, bytes.Equal(w2.Body.Bytes(), w.Body.Bytes()))
				}
			})
		}
	}
}

// {form} takes the id, 附件N and N.
func TestFormNames(t *testing.T) {
	h := newHandler(t, Config{})
	input := example(t, forms.SigningID)
	want := call(t, h, "POST", "/v1/forms/signing?format=docx", input)
	for _, name := range []string{"附件4", "4", "SIGNING"} {
		w := call(t, h, "POST", "/v1/forms/"+url.PathEscape(name)+"?format=docx", input)
		if w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), want.Body.Bytes()) {
			t.Errorf("%s: status %d, same document %v", name, w.Code, bytes.Equal(w.Body.Bytes(), want.Body.Bytes()))
		}
	}
}

func TestBlank(t *testing.T) {
	h := newHandler(t, Config{})
	for _, in := range forms.All() {
		for _, format := range formats {
			w := call(t, h, "GET", "/v1/forms/"+string(in.ID)+"/blank?format="+string(format), nil)
			if w.Code != http.StatusOK {
				t.Fatalf("%s %s: status %d: %s", in.ID, format, w.Code, w.Body)
			}
			checkDocument(t, w, w.Body.Bytes(), format, docgen.BlankFileName(in.ID, format))
		}
	}
	w := call(t, h, "HEAD", "/v1/forms/landing/blank", nil)
	if w.Code != http.StatusOK || w.Body.Len() != 0 || w.Header().Get("Content-Length") == "" {
		t.Errorf("HEAD: status %d, %d bytes of body, Content-Length %q", w.Code, w.Body.Len(), w.Header().Get("Content-Length"))
	}
	w = call(t, h, "GET", "/v1/forms/signing/blank?paper=a4", nil)
	a3 := call(t, h, "GET", "/v1/forms/signing/blank", nil)
	if w.Code != http.StatusOK || bytes.Equal(w.Body.Bytes(), a3.Body.Bytes()) {
		t.Errorf("paper=a4: status %d, same as A3 %v", w.Code, bytes.Equal(w.Body.Bytes(), a3.Body.Bytes()))
	}
}

func TestAcceptable(t *testing.T) {
	pdf, docx := docgen.PDF, docgen.DOCX
	for _, c := range []struct {
		accept []string
		want   docgen.Format
		ok     bool
	}{
		{nil, pdf, true},
		{[]string{"*/*"}, pdf, true},
		{[]string{"application/*"}, pdf, true},
		{[]string{docx.ContentType()}, docx, true},
		{[]string{"application/pdf;q=0.1, " + docx.ContentType()}, docx, true},
		{[]string{"text/html", docx.ContentType() + ";q=0.5"}, docx, true},
		{[]string{"application/pdf;q=0, */*"}, docx, true},
		{[]string{"text/html"}, "", false},
		{[]string{"application/json, text/*"}, "", false},
		{[]string{"application/pdf;q=0"}, "", false},
		{[]string{"garbage;;"}, "", false},
	} {
		got, ok := acceptable(c.accept)
		if got != c.want || ok != c.ok {
			t.Errorf("Accept %q: %q %v, want %q %v", c.accept, got, ok, c.want, c.ok)
		}
	}
}

// Every refusal a client can cause has its status and a problem body.
func TestClientErrors(t *testing.T) {
	h := newHandler(t, Config{MaxBody: 64 << 10})
	good := example(t, forms.TaskListID)
	big := append([]byte(`{"unit":"`), bytes.Repeat([]byte("x"), 70<<10)...)
	for _, c := range []struct {
		name, method, target string
		body                 []byte
		hdr                  []string
		status               int
	}{
		{"malformed JSON", "POST", "/v1/forms/tasklist", []byte(`{"unit":`), nil, 400},
		{"empty body", "POST", "/v1/forms/tasklist", []byte(``), nil, 400},
		{"bad paper", "POST", "/v1/forms/tasklist?paper=a5", good, nil, 400},
		{"A3 for 附件6", "POST", "/v1/forms/supervision?paper=a3", example(t, forms.SupervisionID), nil, 400},
		{"unknown form", "POST", "/v1/forms/nosuch", good, nil, 404},
		{"unknown form, blank", "GET", "/v1/forms/7/blank", nil, nil, 404},
		{"unknown path", "GET", "/v2/forms", nil, nil, 404},
		{"wrong method", "GET", "/v1/forms/tasklist", nil, nil, 405},
		{"unsupported format", "POST", "/v1/forms/tasklist?format=odt", good, nil, 406},
		{"unacceptable", "POST", "/v1/forms/tasklist", good, []string{"Accept", "text/html"}, 406},
		{"validate odt", "POST", "/v1/forms/tasklist/validate?format=odt", good, nil, 406},
		{"batch as xlsx", "POST", "/v1/supervision/batch?format=xlsx", []byte("[]"), nil, 406},
		{"body over the limit", "POST", "/v1/forms/tasklist", big, nil, 413},
		{"wrong content type", "POST", "/v1/forms/tasklist", good, []string{"Content-Type", "text/plain"}, 415},
		{"form encoded", "POST", "/v1/forms/tasklist", good, []string{"Content-Type", "application/x-www-form-urlencoded"}, 415},
		{"wrong charset", "POST", "/v1/forms/tasklist", good, []string{"Content-Type", "application/json; charset=gbk"}, 415},
		{"compressed", "POST", "/v1/forms/tasklist", good, []string{"Content-Encoding", "gzip"}, 415},
		{"invalid data", "POST", "/v1/forms/tasklist", []byte(`{"unit":"x","date":"2026-02-30","rows":[]}`), nil, 422},
		{"unknown key", "POST", "/v1/forms/tasklist/validate", []byte(`{"unti":"x"}`), nil, 422},
		{"unknown seal", "POST", "/v1/forms/tasklist", withSeal(t, forms.TaskListID, "jingkai"), nil, 422},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := call(t, h, c.method, c.target, c.body, c.hdr...)
			p := decodeProblem(t, w, c.status)
			if c.status == 422 && len(p.Errors) == 0 {
				t.Errorf("422 without errors: %s", w.Body)
			}
			if c.name == "unknown seal" && (len(p.Errors) != 1 || p.Errors[0].Rule != "seal" || p.Errors[0].Path != "seal") {
				t.Errorf("unknown seal: errors %s", w.Body)
			}
			if c.name == "malformed JSON" && (len(p.Errors) == 0 || p.Errors[0].Rule != "json") {
				t.Errorf("malformed JSON: errors %s", w.Body)
			}
		})
	}
}

// A body whose Content-Length does not announce its size is cut at the
// limit too, and a missing Content-Type is read as JSON.
func TestBodyLimitWithoutLength(t *testing.T) {
	h := newHandler(t, Config{MaxBody: 1 << 10})
	body := append([]byte(`{"unit":"`), bytes.Repeat([]byte("x"), 4<<10)...)
	req := httptestRequest("POST", "/v1/forms/landing", &unsizedReader{r: bytes.NewReader(body)})
	w := serve(h, req)
	decodeProblem(t, w, http.StatusRequestEntityTooLarge)

	h = newHandler(t, Config{})
	w = call(t, h, "POST", "/v1/forms/landing?format=docx", example(t, forms.LandingID), "Content-Type", "")
	if w.Code != http.StatusOK {
		t.Errorf("without Content-Type: status %d: %s", w.Code, w.Body)
	}
	w = call(t, h, "POST", "/v1/forms/landing?format=docx", example(t, forms.LandingID), "Content-Type", "application/json; charset=UTF-8")
	if w.Code != http.StatusOK {
		t.Errorf("with charset=UTF-8: status %d: %s", w.Code, w.Body)
	}
}

func TestETag(t *testing.T) {
	h := newHandler(t, Config{})
	input := example(t, forms.LandingID)
	first := call(t, h, "POST", "/v1/forms/landing?format=docx", input)
	etag := first.Header().Get("ETag")
	for _, inm := range []string{etag, `"other", ` + etag, "W/" + etag, "*"} {
		w := call(t, h, "POST", "/v1/forms/landing?format=docx", input, "If-None-Match", inm)
		if w.Code != http.StatusNotModified || w.Body.Len() != 0 || w.Header().Get("ETag") != etag {
			t.Errorf("If-None-Match %s: status %d, %d bytes, ETag %q", inm, w.Code, w.Body.Len(), w.Header().Get("ETag"))
		}
	}
	w := call(t, h, "POST", "/v1/forms/landing?format=docx", input, "If-None-Match", `"other"`)
	if w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), first.Body.Bytes()) {
		t.Errorf("other ETag: status %d", w.Code)
	}
	blank := call(t, h, "GET", "/v1/forms/landing/blank", nil)
	w = call(t, h, "GET", "/v1/forms/landing/blank", nil, "If-None-Match", blank.Header().Get("ETag"))
	if w.Code != http.StatusNotModified {
		t.Errorf("blank: status %d, want 304", w.Code)
	}
}

func TestValidate(t *testing.T) {
	h := newHandler(t, Config{})
	for _, in := range forms.All() {
		w := call(t, h, "POST", "/v1/forms/"+string(in.ID)+"/validate", example(t, in.ID))
		if w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != `{"valid":true}` {
			t.Errorf("%s: status %d, body %s", in.ID, w.Code, w.Body)
		}
	}
	w := call(t, h, "POST", "/v1/forms/tasklist/validate", []byte(`{"unit":"x","date":"2026-02-30","rows":[{"nmae":1}]}`))
	p := decodeProblem(t, w, http.StatusUnprocessableEntity)
	rules := map[string]bool{}
	for _, e := range p.Errors {
		rules[e.Rule] = true
		if e.Message == "" {
			t.Errorf("error without message: %+v", e)
		}
	}
	if !rules["date"] || !rules["unknown"] {
		t.Errorf("rules %v, want date and unknown among them", rules)
	}
	// Right-to-left text cannot be set in a PDF: validate says so for PDF,
	// as the render would, and accepts it for DOCX.
	rtl := bytes.Replace(withSeal(t, forms.LandingID, ""), []byte(`"remarks":"`), []byte(`"remarks":"שלום `), 1)
	if bytes.Equal(rtl, withSeal(t, forms.LandingID, "")) {
		t.Fatal("the landing example has no remarks to change")
	}
	p = decodeProblem(t, call(t, h, "POST", "/v1/forms/landing/validate", rtl), http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Rule != "script" {
		t.Errorf("PDF check of Hebrew: %+v", p.Errors)
	}
	decodeProblem(t, call(t, h, "POST", "/v1/forms/landing?format=pdf", rtl), http.StatusUnprocessableEntity)
	if w := call(t, h, "POST", "/v1/forms/landing/validate?format=docx", rtl); w.Code != http.StatusOK {
		t.Errorf("DOCX check of Hebrew: status %d: %s", w.Code, w.Body)
	}
}

// A form renders as XLSX by ?format=xlsx or by Accept, with its file name.
func TestRenderXLSX(t *testing.T) {
	h := newHandler(t, Config{})
	for _, hdr := range [][]string{nil, {"Accept", docgen.XLSX.ContentType()}} {
		target := "/v1/forms/landing"
		if hdr == nil {
			target += "?format=xlsx"
		}
		req := httptest.NewRequest("POST", target, bytes.NewReader(example(t, forms.LandingID)))
		req.Header.Set("Content-Type", "application/json")
		if hdr != nil {
			req.Header.Set(hdr[0], hdr[1])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 || rec.Header().Get("Content-Type") != docgen.XLSX.ContentType() ||
			!bytes.HasPrefix(rec.Body.Bytes(), []byte("PK")) || !strings.Contains(rec.Header().Get("Content-Disposition"), ".xlsx") {
			t.Errorf("%s %v: %d %q %q", target, hdr, rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Content-Disposition"))
		}
	}
}

// 附件1, the workflow diagram, has a blank form only: by id, 附件1 or 1,
// annotated and with a stage highlighted; an unknown stage is a 400 that
// lists the stages; it cannot be filled in.
func TestWorkflowBlank(t *testing.T) {
	h := newHandler(t, Config{})
	get := func(target string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		return rec
	}
	for _, target := range []string{"/v1/forms/workflow/blank", "/v1/forms/1/blank?format=docx", "/v1/forms/附件1/blank?annotate=1&stage=项目签约"} {
		rec := get(target)
		if rec.Code != 200 || rec.Body.Len() < 1000 || !strings.Contains(rec.Header().Get("Content-Disposition"), "filename=\"workflow") {
			t.Errorf("%s: %d %q", target, rec.Code, rec.Header().Get("Content-Disposition"))
		}
	}
	if rec := get("/v1/forms/workflow/blank?stage=" + url.QueryEscape("没有这个")); rec.Code != 400 || !strings.Contains(rec.Body.String(), "项目签约") {
		t.Errorf("unknown stage: %d %s", rec.Code, rec.Body)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/v1/forms/workflow", strings.NewReader("{}")))
	if rec.Code != 404 {
		t.Errorf("POST workflow: %d, want 404", rec.Code)
	}
}
