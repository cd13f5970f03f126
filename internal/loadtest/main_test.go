package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i))
	}
	for p, want := range map[float64]time.Duration{50: 50, 90: 90, 99: 99, 100: 100, 1: 1} {
		if got := percentile(d, p); got != want {
			t.Errorf("p%v = %v, want %v", p, got, want)
		}
	}
	if percentile(nil, 50) != 0 {
		t.Error("empty")
	}
}

// A short run counts successes and errors by status, and samples RSS.
func TestRun(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer t" || r.Header.Get("Content-Type") != "application/json" {
			w.WriteHeader(401)
			return
		}
		if n.Add(1)%4 == 0 {
			w.WriteHeader(503)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	body := t.TempDir() + "/b.json"
	os.WriteFile(body, []byte(`{}`), 0o600)
	var out bytes.Buffer
	err := run([]string{"-url", srv.URL, "-body", body, "-token", "t", "-c", "4", "-d", "300ms",
		"-pid", strconv.Itoa(os.Getpid()), "-sample", "100ms"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"req/s", "p50", "p99", "status 503", "rss peak"} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "status 401") || strings.Contains(s, "transport") {
		t.Errorf("unexpected errors:\n%s", s)
	}
	if err := run([]string{"-url", "http://10.1.2.3/"}, &out); err == nil {
		t.Error("a non-loopback host was accepted")
	}
}
