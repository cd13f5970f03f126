package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zsdoc/zsdoc/forms"
)

// With every slot busy longer than the queue wait, a request is answered
// 503 with Retry-After, and nothing of it is rendered.
func TestQueueFull(t *testing.T) {
	started := make(chan struct{}, 4)
	unblock := make(chan struct{})
	cfg := Config{Concurrency: 1, QueueWait: 50 * time.Millisecond, hooks: &hooks{beforeRender: func(context.Context) {
		started <- struct{}{}
		<-unblock
	}}}
	h := newHandler(t, cfg)
	input := example(t, forms.LandingID)
	first := make(chan *httptest.ResponseRecorder)
	go func() { first <- call(t, h, "POST", "/v1/forms/landing", input) }()
	<-started
	w := call(t, h, "POST", "/v1/forms/landing/validate", input)
	decodeProblem(t, w, http.StatusServiceUnavailable)
	if ra := w.Header().Get("Retry-After"); ra != "1" {
		t.Errorf("Retry-After %q, want 1", ra)
	}
	decodeProblem(t, call(t, h, "GET", "/v1/forms/landing/blank", nil), http.StatusServiceUnavailable)
	close(unblock)
	if w := <-first; w.Code != http.StatusOK {
		t.Errorf("the blocked render: status %d", w.Code)
	}
	if w := call(t, h, "GET", "/v1/forms/landing/blank", nil); w.Code != http.StatusOK {
		t.Errorf("after the slot freed: status %d", w.Code)
	}
	m := call(t, h, "GET", "/metrics", nil).Body.String()
	if !strings.Contains(m, "zsdoc_render_queue_rejections_total 2") {
		t.Errorf("metrics do not count 2 rejections")
	}
}

// A render that outlives RenderTimeout is stopped and answered 503.
func TestRenderTimeout(t *testing.T) {
	h := newHandler(t, Config{RenderTimeout: time.Millisecond, hooks: &hooks{beforeRender: func(ctx context.Context) { <-ctx.Done() }}})
	w := call(t, h, "POST", "/v1/forms/signing", example(t, forms.SigningID))
	decodeProblem(t, w, http.StatusServiceUnavailable)
	if w.Header().Get("Retry-After") == "" {
		t.Errorf("no Retry-After")
	}
}

// waitGoroutines waits for the number of goroutines to come back to at
// most base, failing after a few seconds.
func waitGoroutines(t *testing.T, base int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= base {
			return
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines, %d before:\n%s", n, base, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A client that goes away mid-render cancels the render, and nothing of
// the request is left running.
func TestClientGoesAway(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a long form")
	}
	input := bigFollowup(t, 1000)
	started := make(chan struct{}, 1)
	done := make(chan error, 1)
	base := runtime.NumGoroutine()
	h := newHandler(t, Config{hooks: &hooks{
		beforeRender: func(context.Context) { started <- struct{}{} },
		afterRender:  func(err error) { done <- err },
	}})
	srv := httptest.NewServer(h)
	client := &http.Client{Transport: &http.Transport{}}
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/v1/forms/followup", bytes.NewReader(input))
	req.Header.Set("Content-Type", "application/json")
	errc := make(chan error, 1)
	go func() {
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	<-started
	time.Sleep(20 * time.Millisecond)
	start := time.Now()
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("client: %v", err)
	}
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("render ended with %v, want context.Canceled", err)
		}
		t.Logf("render stopped %v after the client left", time.Since(start))
	case <-time.After(20 * time.Second):
		t.Fatal("the render did not stop")
	}
	client.CloseIdleConnections()
	srv.Close()
	waitGoroutines(t, base)
}

// A panic in a handler is answered 500 with the request id, logged with
// it, and the server goes on serving.
func TestPanicRecovered(t *testing.T) {
	log, logs := testLogger()
	var boom sync.Once
	h := newHandler(t, Config{Logger: log, hooks: &hooks{beforeRender: func(context.Context) {
		boom.Do(func() { panic("boom") })
	}}})
	srv := httptest.NewServer(h)
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/v1/forms/landing/blank", nil)
	req.Header.Set("X-Request-ID", "panic-1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 500 || !strings.Contains(string(body), `"request_id":"panic-1"`) || resp.Header.Get("X-Request-ID") != "panic-1" {
		t.Errorf("status %d, body %s", resp.StatusCode, body)
	}
	if l := logs.String(); !strings.Contains(l, `"panic":"boom"`) || !strings.Contains(l, `"request_id":"panic-1"`) {
		t.Errorf("log lacks the panic and its request id:\n%s", l)
	}
	for i := range 3 {
		resp, err := http.Get(srv.URL + "/v1/forms/landing/blank")
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("request %d after the panic: status %d", i, resp.StatusCode)
		}
	}
}

// Many clients at once, on every kind of route (run with -race).
func TestConcurrentRequests(t *testing.T) {
	h := newHandler(t, Config{Concurrency: 4})
	srv := httptest.NewServer(h)
	defer srv.Close()
	type job struct {
		method, path string
		body         []byte
	}
	var jobs []job
	for _, in := range forms.All() {
		jobs = append(jobs,
			job{"POST", "/v1/forms/" + string(in.ID) + "?format=pdf", example(t, in.ID)},
			job{"POST", "/v1/forms/" + string(in.ID) + "?format=docx", example(t, in.ID)},
			job{"POST", "/v1/forms/" + string(in.ID) + "/validate", example(t, in.ID)},
			job{"GET", "/v1/forms/" + string(in.ID) + "/blank", nil})
	}
	jobs = append(jobs, job{"GET", "/v1/forms", nil}, job{"GET", "/metrics", nil}, job{"GET", "/v1/seals", nil})
	want := map[string][]byte{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for n := range jobs {
				i := (n + g) % len(jobs)
				if i%2 != g%2 { // each job is done by 4 of the 8 goroutines
					continue
				}
				j := jobs[i]
				req, _ := http.NewRequest(j.method, srv.URL+j.path, bytes.NewReader(j.body))
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Errorf("%s %s: status %d: %s", j.method, j.path, resp.StatusCode, body)
					continue
				}
				if j.path == "/metrics" {
					continue
				}
				key := fmt.Sprint(j.method, j.path)
				mu.Lock()
				if prev, ok := want[key]; ok && !bytes.Equal(prev, body) {
					t.Errorf("%s: different bytes from one request to another", key)
				}
				want[key] = body
				mu.Unlock()
			}
		})
	}
	wg.Wait()
}
