// Command loadtest sends one request over and over from c connections for
// a while and reports throughput, latency percentiles and errors by status;
// with -pid it also samples the resident memory of a process (the server)
// from /proc/PID/status.
//
//	go run ./internal/loadtest -url 'http://127.0.0.1:8080/v1/forms/signing?format=pdf' \
//	    -body examples/signing.json -c 32 -d 60s -pid $(pgrep -n zsdoc) -sample 10s
//
// It is meant for a server on this machine (loopback): it refuses any
// other host unless -remote is given.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
}

// options are the command line.
type options struct {
	url, bodyFile, token, method, contentType string
	conns                                     int
	duration, sample, timeout                 time.Duration
	pid                                       int
	remote                                    bool
}

func parse(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.StringVar(&o.url, "url", "", "URL to request (required)")
	fs.StringVar(&o.bodyFile, "body", "", "file sent as the request body (POST); none: GET")
	fs.StringVar(&o.method, "method", "", "HTTP method (default POST with -body, else GET)")
	fs.StringVar(&o.contentType, "content-type", "application/json", "Content-Type of the body")
	fs.StringVar(&o.token, "token", "", "bearer token sent in Authorization")
	fs.IntVar(&o.conns, "c", 8, "concurrent connections (workers)")
	fs.DurationVar(&o.duration, "d", 10*time.Second, "how long to run")
	fs.DurationVar(&o.timeout, "timeout", 120*time.Second, "timeout of one request")
	fs.IntVar(&o.pid, "pid", 0, "process whose RSS to sample (Linux /proc)")
	fs.DurationVar(&o.sample, "sample", 10*time.Second, "RSS sampling interval, with -pid")
	fs.BoolVar(&o.remote, "remote", false, "allow a host that is not loopback")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.url == "" || o.conns < 1 || o.duration <= 0 || o.sample <= 0 {
		return o, errors.New("need -url, -c ≥ 1, -d > 0 and -sample > 0")
	}
	u, err := url.Parse(o.url)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return o, fmt.Errorf("bad -url %q", o.url)
	}
	if !o.remote && !isLoopback(u.Hostname()) {
		return o, fmt.Errorf("%s is not a loopback address; pass -remote to load another host", u.Hostname())
	}
	if o.method == "" {
		o.method = "GET"
		if o.bodyFile != "" {
			o.method = "POST"
		}
	}
	return o, nil
}

// isLoopback reports whether host is localhost or a loopback address.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// result is what the workers measured.
type result struct {
	latencies []time.Duration // of the 2xx answers
	errors    map[string]int  // "status 503", "transport: …"
	bytes     int64
}

func run(args []string, out io.Writer) error {
	o, err := parse(args)
	if err != nil {
		return err
	}
	var body []byte
	if o.bodyFile != "" {
		if body, err = os.ReadFile(o.bodyFile); err != nil {
			return err
		}
	}
	client := &http.Client{
		Timeout: o.timeout,
		Transport: &http.Transport{
			MaxIdleConns:        o.conns,
			MaxIdleConnsPerHost: o.conns,
			MaxConnsPerHost:     o.conns,
			IdleConnTimeout:     90 * time.Second,
		},
	}
	defer client.CloseIdleConnections()

	ctx, cancel := context.WithTimeout(context.Background(), o.duration)
	defer cancel()
	samples := make(chan []rssSample, 1)
	go func() { samples <- sampleRSS(ctx, o.pid, o.sample) }()

	results := make([]result, o.conns)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range o.conns {
		wg.Go(func() { results[i] = worker(ctx, client, o, body) })
	}
	wg.Wait()
	elapsed := time.Since(start)
	cancel()
	report(out, o, merge(results), elapsed, <-samples)
	return nil
}

// worker sends requests one after another until ctx ends.
func worker(ctx context.Context, client *http.Client, o options, body []byte) result {
	res := result{errors: map[string]int{}}
	for ctx.Err() == nil {
		req, err := http.NewRequestWithContext(ctx, o.method, o.url, bytes.NewReader(body))
		if err != nil {
			res.errors["request: "+err.Error()]++
			return res
		}
		if body != nil {
			req.Header.Set("Content-Type", o.contentType)
		}
		if o.token != "" {
			req.Header.Set("Authorization", "Bearer "+o.token)
		}
		t0 := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			if ctx.Err() != nil { // the run ended mid-request: not an error
				return res
			}
			res.errors["transport: "+shortError(err)]++
			continue
		}
		n, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		d := time.Since(t0)
		switch {
		case err != nil && ctx.Err() != nil:
			return res
		case err != nil:
			res.errors["reading body: "+shortError(err)]++
		case resp.StatusCode < 200 || resp.StatusCode > 299:
			res.errors["status "+strconv.Itoa(resp.StatusCode)]++
		default:
			res.latencies = append(res.latencies, d)
			res.bytes += n
		}
	}
	return res
}

// shortError drops the URL from a client error, so that errors group.
func shortError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

func merge(rs []result) result {
	all := result{errors: map[string]int{}}
	for _, r := range rs {
		all.latencies = append(all.latencies, r.latencies...)
		all.bytes += r.bytes
		for k, v := range r.errors {
			all.errors[k] += v
		}
	}
	slices.Sort(all.latencies)
	return all
}

// percentile is the p-th percentile (nearest rank) of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(float64(p/100*float64(len(sorted)))+0.999999) - 1 // rounded before the add: no fused multiply-add
	return sorted[min(max(rank, 0), len(sorted)-1)]
}

func report(w io.Writer, o options, r result, elapsed time.Duration, samples []rssSample) {
	nerr := 0
	for _, v := range r.errors {
		nerr += v
	}
	total := len(r.latencies) + nerr
	fmt.Fprintf(w, "target      %s %s, %d connections, %s\n", o.method, o.url, o.conns, elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "requests    %d (%d ok, %d errors)\n", total, len(r.latencies), nerr)
	fmt.Fprintf(w, "throughput  %.1f req/s ok, %.1f MB/s\n", float64(len(r.latencies))/elapsed.Seconds(), float64(r.bytes)/elapsed.Seconds()/1e6)
	if len(r.latencies) > 0 {
		fmt.Fprintf(w, "latency     p50 %s  p90 %s  p99 %s  max %s\n",
			round(percentile(r.latencies, 50)), round(percentile(r.latencies, 90)),
			round(percentile(r.latencies, 99)), round(r.latencies[len(r.latencies)-1]))
	}
	keys := make([]string, 0, len(r.errors))
	for k := range r.errors {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "error       %6d  %s\n", r.errors[k], k)
	}
	if o.pid == 0 {
		return
	}
	var peak int64
	for _, s := range samples {
		if s.err != "" {
			fmt.Fprintf(w, "rss         %8s  %s\n", s.at.Round(time.Second), s.err)
			continue
		}
		peak = max(peak, s.kb)
		fmt.Fprintf(w, "rss         %8s  %.1f MiB\n", s.at.Round(time.Second), float64(s.kb)/1024)
	}
	fmt.Fprintf(w, "rss peak    %.1f MiB (pid %d, %d samples)\n", float64(peak)/1024, o.pid, len(samples))
}

func round(d time.Duration) time.Duration {
	if d > time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(10 * time.Microsecond)
}

// rssSample is one reading of a process's resident memory.
type rssSample struct {
	at  time.Duration // since the start
	kb  int64
	err string
}

// sampleRSS reads the RSS of pid at the start, every interval and at the
// end; nothing without a pid.
func sampleRSS(ctx context.Context, pid int, interval time.Duration) []rssSample {
	if pid == 0 {
		return nil
	}
	start := time.Now()
	read := func() rssSample {
		kb, err := readRSS(pid)
		s := rssSample{at: time.Since(start), kb: kb}
		if err != nil {
			s.err = err.Error()
		}
		return s
	}
	samples := []rssSample{read()}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return append(samples, read())
		case <-t.C:
			samples = append(samples, read())
		}
	}
}

// readRSS returns VmRSS of /proc/PID/status in KiB.
func readRSS(pid int) (int64, error) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			fields := strings.Fields(rest)
			if len(fields) >= 1 {
				return strconv.ParseInt(fields[0], 10, 64)
			}
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
}
