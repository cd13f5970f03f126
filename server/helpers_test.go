package server

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/seal"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newHandler returns the handler of cfg, failing the test on an error.
func newHandler(t *testing.T, cfg Config) http.Handler {
	t.Helper()
	h, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return h
}

// call sends one request to h and returns the recorded answer. hdr is
// header names and values, alternating.
func call(t *testing.T, h http.Handler, method, target string, body []byte, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i+1] == "" {
			req.Header.Del(hdr[i])
		} else {
			req.Header.Set(hdr[i], hdr[i+1])
		}
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// example returns the example input of form id.
func example(t *testing.T, id forms.ID) []byte {
	t.Helper()
	data, err := examples.Input(string(id))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// withSeal returns the example of a table form (附件2–5) stamped with seal
// id ("" for none).
func withSeal(t *testing.T, id forms.ID, sealID string) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(example(t, id), &m); err != nil {
		t.Fatal(err)
	}
	if sealID == "" {
		delete(m, "seal")
	} else {
		m["seal"] = sealID
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// decodeProblem checks that w is a problem of status and returns it.
func decodeProblem(t *testing.T, w *httptest.ResponseRecorder, status int) Problem {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d; body %s", w.Code, status, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("Content-Type %q, want application/problem+json", ct)
	}
	var p Problem
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
		t.Fatalf("problem body %q: %v", w.Body, err)
	}
	if p.Status != status || !strings.HasPrefix(p.Type, ProblemType) || !hasHan(p.Title) || !hasHan(p.Detail) {
		t.Errorf("problem %+v: want status %d, type %s…, and Chinese title and detail", p, status, ProblemType)
	}
	if id := w.Header().Get("X-Request-ID"); id == "" || p.RequestID != id {
		t.Errorf("problem request_id %q, header X-Request-ID %q", p.RequestID, id)
	}
	return p
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// storeWith returns a seal store holding the specimen and the specimen
// image under each of ids, as real seals.
func storeWith(t *testing.T, ids ...string) *seal.Store {
	t.Helper()
	s := seal.NewStore()
	for _, id := range ids {
		if err := s.Add(id, examples.SpecimenSeal()); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// testLogger returns a JSON logger writing into a buffer.
func testLogger() (*slog.Logger, *syncBuffer) {
	var buf syncBuffer
	return slog.New(slog.NewJSONHandler(&buf, nil)), &buf
}

// unsizedReader hides the length of a body, as a chunked upload does.
type unsizedReader struct{ r io.Reader }

func (u *unsizedReader) Read(p []byte) (int, error) { return u.r.Read(p) }

// httptestRequest is a JSON request with body.
func httptestRequest(method, target string, body io.Reader) *http.Request {
	req := httptest.NewRequest(method, target, body)
	req.Header.Set("Content-Type", "application/json")
	return req
}

// serve records h's answer to req.
func serve(h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// mustPNG returns a small opaque PNG, a seal that is not the specimen.
func mustPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	for i := range img.Pix {
		img.Pix[i] = 0xc0
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bigFollowup returns a valid 附件3 of n rows with long texts: a render
// that takes a while.
func bigFollowup(t *testing.T, n int) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(example(t, forms.FollowupID), &m); err != nil {
		t.Fatal(err)
	}
	rows := m["rows"].([]any)
	row := rows[0].(map[string]any)
	delete(row, "no")
	row["overview"] = strings.Repeat("湘潭经开区新能源汽车零部件项目，总投资十二亿元。", 20)
	row["progress"] = strings.Repeat("已完成土地摘牌，正在办理施工许可。", 20)
	var out []any
	for range n {
		out = append(out, row)
	}
	m["rows"] = out
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
