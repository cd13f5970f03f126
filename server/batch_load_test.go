package server

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zsdoc/zsdoc/forms"
)

// Batches and single forms at once (run with -race): every answer right,
// the same batch the same bytes each time.
func TestBatchConcurrent(t *testing.T) {
	srv := httptest.NewServer(newHandler(t, Config{Concurrency: 4, QueueWait: time.Minute}))
	defer srv.Close()
	js := jsonOrders(t, batchOrders(t, 20))
	single := example(t, forms.SupervisionID)
	var mu sync.Mutex
	var first []byte
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Go(func() {
			for range 3 {
				var resp *http.Response
				var err error
				if g%2 == 0 {
					resp, err = postBatchTo(context.Background(), srv.Client(), srv.URL, "", js)
				} else {
					resp, err = srv.Client().Post(srv.URL+"/v1/forms/supervision", "application/json", bytes.NewReader(single))
				}
				if err != nil {
					t.Error(err)
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 {
					t.Errorf("status %d: %v", resp.StatusCode, err)
					return
				}
				if g%2 == 0 {
					mu.Lock()
					if first == nil {
						first = body
					} else if !bytes.Equal(first, body) {
						t.Errorf("a batch gave other bytes")
					}
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
}

// Batches take at most half the render slots: with two, a second batch
// waits and is answered 503, while a single form still renders.
func TestBatchQueue(t *testing.T) {
	var calls atomic.Int32
	started, unblock := make(chan struct{}), make(chan struct{})
	h := newHandler(t, Config{Concurrency: 2, QueueWait: 50 * time.Millisecond, hooks: &hooks{beforeRender: func(context.Context) {
		if calls.Add(1) == 1 {
			close(started)
			<-unblock
		}
	}}})
	js := jsonOrders(t, batchOrders(t, 2))
	first := make(chan int)
	go func() { first <- postBatch(t, h, "", js, "application/json").Code }()
	<-started
	w := postBatch(t, h, "", js, "application/json")
	decodeProblem(t, w, http.StatusServiceUnavailable)
	if w.Header().Get("Retry-After") == "" {
		t.Errorf("no Retry-After")
	}
	if w := call(t, h, "POST", "/v1/forms/supervision", example(t, forms.SupervisionID)); w.Code != 200 {
		t.Errorf("a single form beside a batch: status %d", w.Code)
	}
	close(unblock)
	if code := <-first; code != 200 {
		t.Errorf("the first batch: status %d", code)
	}
}

// A batch counts as one render of kind batch, with its orders and pages,
// and its request under the route's template.
func TestBatchMetrics(t *testing.T) {
	h := newHandler(t, Config{})
	postBatch(t, h, "", jsonOrders(t, batchOrders(t, 3)), "application/json")
	postBatch(t, h, "?format=docx", jsonOrders(t, batchOrders(t, 2)), "application/json")
	text := call(t, h, "GET", "/metrics", nil).Body.String()
	for _, line := range []string{
		`zsdoc_renders_total{form="supervision",format="pdf",kind="batch"} 1`,
		`zsdoc_renders_total{form="supervision",format="docx",kind="batch"} 1`,
		`zsdoc_batch_orders_total{format="pdf"} 3`,
		`zsdoc_batch_orders_total{format="docx"} 2`,
		`zsdoc_pages_rendered_total{form="supervision"} 3`,
		`zsdoc_stamped_documents_total{form="supervision"} 2`,
		`zsdoc_http_requests_total{code="200",method="POST",route="/v1/supervision/batch"} 2`,
	} {
		if !strings.Contains(text, line+"\n") {
			t.Errorf("metrics lack %s", line)
		}
	}
}

// BenchmarkBatchHTTP streams a batch of 1,000 orders over loopback, the
// whole manifest in the trailer, and reports the time to the first byte.
func BenchmarkBatchHTTP(b *testing.B) {
	h, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	js := jsonOrders(b, batchOrders(b, 1000))
	client := &http.Client{Transport: &http.Transport{ReadBufferSize: 1 << 20}}
	defer client.CloseIdleConnections()
	var first time.Duration
	var size int64
	for b.Loop() {
		start := time.Now()
		resp, err := postBatchTo(context.Background(), client, srv.URL, "", js, "TE", "trailers")
		if err != nil {
			b.Fatal(err)
		}
		var one [1]byte
		if _, err := io.ReadFull(resp.Body, one[:]); err != nil {
			b.Fatal(err)
		}
		first += time.Since(start)
		n, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil || resp.Trailer.Get("X-Zsdoc-Manifest") == "" {
			b.Fatalf("%v, trailer %v", err, resp.Trailer)
		}
		size = n + 1
	}
	b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "ms-to-first-byte")
	b.ReportMetric(float64(size), "bytes")
}
