package server

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zsdoc/zsdoc/examples"
)

// benchServe renders form's example through the handler (no network), on
// every core: what the service adds to docgen's own render time
// (BenchmarkPDFSigningExample, BenchmarkPDFSupervision in docgen).
func benchServe(b *testing.B, form string) {
	h, err := New(Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Concurrency: 64})
	if err != nil {
		b.Fatal(err)
	}
	body, err := examples.Input(form)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest(http.MethodPost, "/v1/forms/"+form+"?format=pdf", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				b.Fatalf("status %d", w.Code)
			}
		}
	})
}

func BenchmarkServeSigning(b *testing.B)     { benchServe(b, "signing") }
func BenchmarkServeSupervision(b *testing.B) { benchServe(b, "supervision") }
