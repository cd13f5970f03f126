package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/forms"
)

func TestMetrics(t *testing.T) {
	h := newHandler(t, Config{})
	doc := call(t, h, "POST", "/v1/forms/signing", example(t, forms.SigningID)).Body.Bytes()
	call(t, h, "POST", "/v1/forms/signing?format=docx", example(t, forms.SigningID))
	call(t, h, "GET", "/v1/forms/supervision/blank", nil)
	call(t, h, "POST", "/v1/forms/nosuch", nil)
	w := call(t, h, "GET", "/metrics", nil)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	text := w.Body.String()
	for _, family := range []string{
		"zsdoc_http_requests_total", "zsdoc_http_request_duration_seconds", "zsdoc_renders_total",
		"zsdoc_render_duration_seconds", "zsdoc_pages_rendered_total", "zsdoc_renders_in_flight",
		"zsdoc_render_queue_wait_seconds", "zsdoc_render_queue_rejections_total", "zsdoc_stamped_documents_total",
		"go_goroutines", "process_resident_memory_bytes",
	} {
		if !strings.Contains(text, "# TYPE "+family+" ") {
			t.Errorf("no metric family %s", family)
		}
	}
	pages := pageObjects(doc)
	if pages == 0 || pdfPages(doc) != pages {
		t.Fatalf("pdfPages %d, page objects %d", pdfPages(doc), pages)
	}
	for _, line := range []string{
		`zsdoc_http_requests_total{code="200",method="POST",route="/v1/forms/{form}"} 2`,
		`zsdoc_http_requests_total{code="404",method="POST",route="/v1/forms/{form}"} 1`,
		`zsdoc_renders_total{form="signing",format="pdf",kind="filled"} 1`,
		`zsdoc_renders_total{form="signing",format="docx",kind="filled"} 1`,
		`zsdoc_renders_total{form="supervision",format="pdf",kind="blank"} 1`,
		fmt.Sprintf(`zsdoc_pages_rendered_total{form="signing"} %d`, pages),
		`zsdoc_stamped_documents_total{form="signing"} 2`,
		`zsdoc_render_queue_wait_seconds_count 3`,
	} {
		if !strings.Contains(text, line+"\n") {
			t.Errorf("metrics lack %s", line)
		}
	}
	// Unmatched paths share one label value, whatever the client asks.
	call(t, h, "GET", "/x/"+strings.Repeat("y", 50), nil)
	call(t, h, "BREW", "/coffee", nil)
	text = call(t, h, "GET", "/metrics", nil).Body.String()
	if !strings.Contains(text, `route="unmatched"`) || strings.Contains(text, "yyyy") || strings.Contains(text, "BREW") {
		t.Errorf("unmatched requests are not folded into one label")
	}
}

// pageObjects counts the page objects of a PDF, independently of pdfPages.
func pageObjects(pdf []byte) int {
	return len(regexp.MustCompile(`/Type /Page[^s]`).FindAll(pdf, -1))
}

// Two servers in one process have registries of their own.
func TestTwoServers(t *testing.T) {
	a, b := newHandler(t, Config{}), newHandler(t, Config{})
	call(t, a, "GET", "/healthz", nil)
	ma := call(t, a, "GET", "/metrics", nil).Body.String()
	mb := call(t, b, "GET", "/metrics", nil).Body.String()
	if !strings.Contains(ma, `route="/healthz"`) || strings.Contains(mb, `route="/healthz"`) {
		t.Errorf("the servers share their metrics")
	}
}

// One log line per request, with its id, route, form, format, status and
// client; a sane X-Request-ID is kept, another replaced.
func TestRequestLog(t *testing.T) {
	log, logs := testLogger()
	access, err := ParseAccess([]byte(`{"clients":[{"name":"经开区","token_sha256":"` + HashToken(tokenA) + `","seals":["*"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	h := newHandler(t, Config{Logger: log, Access: access})
	w := call(t, h, "POST", "/v1/forms/4?format=docx", example(t, forms.SigningID), "X-Request-ID", "abc-123", "Authorization", "Bearer "+tokenA)
	if w.Code != 200 || w.Header().Get("X-Request-ID") != "abc-123" {
		t.Fatalf("status %d, X-Request-ID %q", w.Code, w.Header().Get("X-Request-ID"))
	}
	for _, bad := range []string{"a b", strings.Repeat("x", 200), "中文"} {
		w := call(t, h, "GET", "/healthz", nil, "X-Request-ID", bad)
		if id := w.Header().Get("X-Request-ID"); id == bad || !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(id) {
			t.Errorf("X-Request-ID %q answered with %q", bad, id)
		}
	}
	var requests []map[string]any
	var stamps int
	for _, line := range bytes.Split([]byte(strings.TrimSpace(logs.String())), []byte("\n")) {
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatalf("log line %s: %v", line, err)
		}
		switch m["msg"] {
		case "请求":
			requests = append(requests, m)
		case "盖章文件":
			stamps++
		}
	}
	if len(requests) != 4 || stamps != 1 {
		t.Fatalf("%d request lines and %d stamp lines, want 4 and 1:\n%s", len(requests), stamps, logs)
	}
	r := requests[0]
	for k, want := range map[string]any{"request_id": "abc-123", "route": "/v1/forms/{form}", "form": "signing",
		"format": "docx", "status": 200.0, "client": "经开区", "method": "POST"} {
		if r[k] != want {
			t.Errorf("log %s = %v, want %v", k, r[k], want)
		}
	}
	if r["bytes"].(float64) != float64(w.Body.Len()) || r["duration_ms"] == nil {
		t.Errorf("log bytes %v (body %d), duration %v", r["bytes"], w.Body.Len(), r["duration_ms"])
	}
	if strings.Contains(logs.String(), tokenA) {
		t.Errorf("the log holds the token")
	}
}

// /readyz turns 503 when the server begins shutting down; /healthz stays.
func TestReady(t *testing.T) {
	shutting := make(chan struct{})
	h := newHandler(t, Config{ShuttingDown: shutting})
	if w := call(t, h, "GET", "/readyz", nil); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"ready"`) {
		t.Errorf("ready: %d %s", w.Code, w.Body)
	}
	close(shutting)
	decodeProblem(t, call(t, h, "GET", "/readyz", nil), http.StatusServiceUnavailable)
	if w := call(t, h, "GET", "/healthz", nil); w.Code != http.StatusOK {
		t.Errorf("healthz while shutting down: %d", w.Code)
	}
}
