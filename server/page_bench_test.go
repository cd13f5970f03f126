package server

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/zsdoc/zsdoc/examples"
)

// loopback starts the service on a loopback port for a benchmark.
func loopback(b *testing.B) *httptest.Server {
	b.Helper()
	h, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(h)
	b.Cleanup(srv.Close)
	return srv
}

// get fetches u and fails the benchmark unless it is 200.
func get(b *testing.B, c *http.Client, u string) []byte {
	b.Helper()
	res, err := c.Get(u)
	if err != nil {
		b.Fatal(err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil || res.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %d %v", u, res.StatusCode, err)
	}
	return body
}

// BenchmarkPageFirstLoad is what a browser fetches on its first visit, one
// request after another over loopback: the page, every file it names (and
// the modules app.js imports), the catalog and the seals.
func BenchmarkPageFirstLoad(b *testing.B) {
	srv := loopback(b)
	c := srv.Client()
	html := get(b, c, srv.URL+"/")
	urls := []string{"/"}
	for _, m := range regexp.MustCompile(`(?:src|href)="(/ui/[^"]+)"`).FindAllSubmatch(html, -1) {
		urls = append(urls, string(m[1]))
	}
	for _, name := range []string{"api.js", "editor.js", "fields.js", "draft.js"} {
		urls = append(urls, AssetPrefix+name)
	}
	urls = append(urls, "/v1/forms", "/v1/seals")
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		n = 0
		for _, u := range urls {
			n += len(get(b, c, srv.URL+u))
		}
	}
	b.ReportMetric(float64(n), "bytes/load")
}

// BenchmarkPageValidateSigning is the round trip of the page's checks of
// 附件4 with 11 projects (examples/signing.json) over loopback: the quick
// check as one types (the form's rules and seals) and the full one for
// the PDF (glyphs and the laid-out pages), run once the quick one passes.
func BenchmarkPageValidateSigning(b *testing.B) {
	b.Run("quick", func(b *testing.B) { benchValidate(b, "docx") })
	b.Run("pdf", func(b *testing.B) { benchValidate(b, "pdf") })
}

func benchValidate(b *testing.B, format string) {
	srv := loopback(b)
	c := srv.Client()
	body, err := examples.Input("signing")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := c.Post(srv.URL+"/v1/forms/signing/validate?format="+format, "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("status %d", res.StatusCode)
		}
	}
}
