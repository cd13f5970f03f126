package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/zsdoc/zsdoc/batch"
	"github.com/zsdoc/zsdoc/forms"
)

// postBatchTo sends a JSON batch to a running server; query starts with
// "?" or is empty.
func postBatchTo(ctx context.Context, client *http.Client, url, query string, body []byte, hdr ...string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, "POST", url+batchPath+query, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return client.Do(req)
}

// readAll reads and closes a response's body.
func readAll(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the body: %v", err)
	}
	return body
}

// Over HTTP the document is chunked, without length or ETag, and the
// manifest trailer agrees with it: its pages, its SHA-256, its name. The
// whole manifest comes to a client that sends "TE: trailers"; to one that
// does not, the trailers stay small enough for its buffer.
func TestBatchStream(t *testing.T) {
	srv := httptest.NewServer(newHandler(t, Config{}))
	defer srv.Close()
	input := jsonOrders(t, batchOrders(t, 60))
	big := &http.Client{Transport: &http.Transport{ReadBufferSize: 1 << 20}}
	defer big.CloseIdleConnections()
	resp, err := postBatchTo(context.Background(), big, srv.URL, "?duplex=1", input, "TE", "trailers")
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, resp)
	if resp.StatusCode != 200 || resp.ContentLength != -1 || len(resp.TransferEncoding) != 1 || resp.TransferEncoding[0] != "chunked" ||
		resp.Header.Get("ETag") != "" || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("status %d, length %d, transfer %v, headers %v", resp.StatusCode, resp.ContentLength, resp.TransferEncoding, resp.Header)
	}
	_, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
	if err != nil || params["filename"] != "附件6-市级重点招商项目督办单-批量-60份.pdf" {
		t.Errorf("Content-Disposition %q: %v", resp.Header.Get("Content-Disposition"), err)
	}
	var m []batch.Entry
	raw := resp.Trailer.Get("X-Zsdoc-Manifest")
	if err := json.Unmarshal([]byte(raw), &m); err != nil || len(m) != 60 || resp.Trailer.Get("X-Zsdoc-Omitted") != "" {
		t.Fatalf("manifest trailer %.200q: %v", raw, err)
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] >= 0x80 {
			t.Fatalf("the manifest trailer is not ASCII: %.200q", raw)
		}
	}
	pages := pageObjects(body)
	if last := m[59].LastPage; last != pages || pages != 119 || pdfPages(body) != pages || m[1].FirstPage != 3 {
		t.Errorf("duplex: manifest ends on page %d, order 2 on page %d; the PDF has %d pages (%d in its page tree)",
			last, m[1].FirstPage, pages, pdfPages(body))
	}
	if resp.Trailer.Get("X-Zsdoc-Sha256") != sha256Hex(body) {
		t.Errorf("SHA-256 trailer %q is not the body's", resp.Trailer.Get("X-Zsdoc-Sha256"))
	}
	// A default client, without TE: the same document, readable to its
	// end; the manifest is left out and said to be; a small one fits.
	for _, c := range []struct {
		orders   int
		omitted  string
		manifest bool
	}{{60, "X-Zsdoc-Manifest", false}, {10, "", true}} {
		resp, err := postBatchTo(context.Background(), srv.Client(), srv.URL, "?duplex=1", jsonOrders(t, batchOrders(t, c.orders)))
		if err != nil {
			t.Fatal(err)
		}
		got := readAll(t, resp)
		if c.orders == 60 && !bytes.Equal(got, body) {
			t.Errorf("%d orders: another document without TE", c.orders)
		}
		if resp.Trailer.Get("X-Zsdoc-Omitted") != c.omitted || (resp.Trailer.Get("X-Zsdoc-Manifest") != "") != c.manifest ||
			resp.Trailer.Get("X-Zsdoc-Sha256") != sha256Hex(got) {
			t.Errorf("%d orders: trailers %v", c.orders, resp.Trailer)
		}
	}
}

// Accept: multipart/mixed gives the document, then the same manifest as
// the trailer, then the skipped orders' problems.
func TestBatchMultipart(t *testing.T) {
	srv := httptest.NewServer(newHandler(t, Config{}))
	defer srv.Close()
	input := jsonOrders(t, withBad(batchOrders(t, 8), 5))
	plain, err := postBatchTo(context.Background(), srv.Client(), srv.URL, "?skip_invalid=1", input, "Accept", "*/*")
	if err != nil {
		t.Fatal(err)
	}
	pdf := readAll(t, plain)
	if plain.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("Accept */*: %q, want the PDF itself", plain.Header.Get("Content-Type"))
	}
	resp, err := postBatchTo(context.Background(), srv.Client(), srv.URL, "?skip_invalid=1", input, "Accept", "multipart/mixed")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	typ, params, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil || typ != "multipart/mixed" || resp.Header.Get("Trailer") != "" || resp.Header.Get("X-Zsdoc-Skipped") != "1" {
		t.Fatalf("status %d, headers %v", resp.StatusCode, resp.Header)
	}
	mr := multipart.NewReader(resp.Body, params["boundary"])
	var parts [][]byte
	var headers []map[string][]string
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(p)
		if err != nil {
			t.Fatal(err)
		}
		parts, headers = append(parts, data), append(headers, p.Header)
	}
	if len(parts) != 3 {
		t.Fatalf("%d parts, want 3", len(parts))
	}
	_, dp, _ := mime.ParseMediaType(headers[0]["Content-Disposition"][0])
	if headers[0]["Content-Type"][0] != "application/pdf" || dp["filename"] != "附件6-市级重点招商项目督办单-批量-7份.pdf" ||
		!bytes.Equal(parts[0], pdf) {
		t.Errorf("part 1: %v, same PDF as without multipart %v", headers[0], bytes.Equal(parts[0], pdf))
	}
	var m, fromTrailer []batch.Entry
	json.Unmarshal(parts[1], &m)
	json.Unmarshal([]byte(plain.Trailer.Get("X-Zsdoc-Manifest")), &fromTrailer)
	mj, _ := json.Marshal(m)
	tj, _ := json.Marshal(fromTrailer)
	if len(m) != 7 || !bytes.Equal(mj, tj) || m[6].LastPage != pageObjects(parts[0]) || m[5].Index != 7 {
		t.Errorf("manifest part %s\ntrailer %s", mj, tj)
	}
	if headers[1]["X-Zsdoc-Sha256"][0] != sha256Hex(parts[0]) || !strings.HasPrefix(headers[1]["Content-Type"][0], "application/json") {
		t.Errorf("part 2 headers %v", headers[1])
	}
	var skipped forms.Errors
	if err := json.Unmarshal(parts[2], &skipped); err != nil || len(skipped) != 1 || !strings.HasPrefix(skipped[0].Message, "第6份督办单") {
		t.Errorf("part 3 %s: %v", parts[2], err)
	}
}

// A client that goes away mid-batch cancels the printing; nothing of the
// request is left running, and nothing is audited.
func TestBatchClientGoesAway(t *testing.T) {
	base := runtime.NumGoroutine()
	wrote := make(chan struct{}, 1)
	ended := make(chan error, 1)
	var audit syncBuffer
	log, logs := testLogger()
	h := newHandler(t, Config{Audit: &audit, Logger: log, hooks: &hooks{
		batchWrite: func(ctx context.Context) {
			select {
			case wrote <- struct{}{}:
			default:
			}
			<-ctx.Done() // hold the batch until the client leaves
		},
		afterRender: func(err error) { ended <- err },
	}})
	srv := httptest.NewServer(h)
	client := &http.Client{Transport: &http.Transport{}}
	ctx, cancel := context.WithCancel(context.Background())
	resp, err := postBatchTo(ctx, client, srv.URL, "", jsonOrders(t, batchOrders(t, 50)))
	if err != nil {
		t.Fatal(err)
	}
	first := make([]byte, 5)
	if _, err := io.ReadFull(resp.Body, first); err != nil || string(first) != "%PDF-" {
		t.Fatalf("first bytes %q: %v", first, err)
	}
	<-wrote
	cancel()
	resp.Body.Close()
	select {
	case err := <-ended:
		if err == nil {
			t.Errorf("the batch ended without error")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the batch did not stop")
	}
	client.CloseIdleConnections()
	srv.Close()
	waitGoroutines(t, base)
	if audit.String() != "" || !strings.Contains(logs.String(), "客户端已断开") || !strings.Contains(logs.String(), `"status":499`) {
		t.Errorf("audit %q, log:\n%s", audit.String(), logs)
	}
}

// A character no font has, in any order, is found before the first byte:
// 422 naming the order, nothing streamed.
func TestBatchUnprintableIsChecked(t *testing.T) {
	glyph := batchOrders(t, 30)
	glyph[20]["content"] = "含有表情😀的内容"
	srv := httptest.NewServer(newHandler(t, Config{}))
	defer srv.Close()
	resp, err := postBatchTo(context.Background(), http.DefaultClient, srv.URL, "", jsonOrders(t, glyph))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "第21份督办单【督办内容】") {
		t.Errorf("status %d: %s", resp.StatusCode, body)
	}
}

// A failure after the first byte resets the stream: the client sees a
// broken download, and the log says why, with the status it stands for.
func TestBatchAbort(t *testing.T) {
	var audit syncBuffer
	log, logs := testLogger()
	timeout := httptest.NewServer(newHandler(t, Config{Audit: &audit, BatchTimeout: 2 * time.Second, Logger: log,
		hooks: &hooks{batchWrite: func(ctx context.Context) { <-ctx.Done() }}}))
	defer timeout.Close()
	for _, c := range []struct {
		name, url, status, log string
		body                   []byte
	}{
		{"timeout", timeout.URL, `"status":503`, "批量生成超时", jsonOrders(t, batchOrders(t, 30))},
	} {
		resp, err := postBatchTo(context.Background(), http.DefaultClient, c.url, "", c.body)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !errors.Is(err, io.ErrUnexpectedEOF) || !bytes.HasPrefix(body, []byte("%PDF-")) {
			t.Errorf("%s: status %d, %d bytes, read error %v", c.name, resp.StatusCode, len(body), err)
		}
		if l := logs.String(); !strings.Contains(l, c.status) || !strings.Contains(l, c.log) {
			t.Errorf("%s: log:\n%s", c.name, l)
		}
	}
	if audit.String() != "" {
		t.Errorf("a broken batch was audited: %s", audit.String())
	}
}

// A batch outlives http.Server's ReadTimeout and WriteTimeout, sized for
// one form: the route extends its connection's deadlines.
func TestBatchServerTimeouts(t *testing.T) {
	h := newHandler(t, Config{hooks: &hooks{beforeRender: func(context.Context) { time.Sleep(400 * time.Millisecond) }}})
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ReadTimeout, srv.Config.WriteTimeout = 100*time.Millisecond, 100*time.Millisecond
	srv.Start()
	defer srv.Close()
	resp, err := postBatchTo(context.Background(), srv.Client(), srv.URL, "", jsonOrders(t, batchOrders(t, 3)))
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, resp)
	if resp.StatusCode != 200 || pageObjects(body) != 3 || resp.Trailer.Get("X-Zsdoc-Sha256") != sha256Hex(body) {
		t.Errorf("status %d, %d pages, trailer %v", resp.StatusCode, pageObjects(body), resp.Trailer)
	}
}

// A body over a few MiB waits in a temporary file, removed afterwards; a
// small one stays in memory.
func TestBatchSpool(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	var during []string
	h := newHandler(t, Config{hooks: &hooks{beforeRender: func(context.Context) {
		during, _ = filepath.Glob(filepath.Join(dir, "zsdoc-batch-*"))
	}}})
	js := jsonOrders(t, batchOrders(t, 2))
	padded := append(append([]byte("["), bytes.Repeat([]byte(" \n"), 3<<20)...), js[1:]...) // 6 MiB of blanks
	for _, c := range []struct {
		body  []byte
		files int
	}{{js, 0}, {padded, 1}} {
		w := postBatch(t, h, "", c.body, "application/json")
		if w.Code != 200 || pageObjects(w.Body.Bytes()) != 2 || len(during) != c.files {
			t.Errorf("%d bytes: status %d, %d temporary files during the batch, want %d", len(c.body), w.Code, len(during), c.files)
		}
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("%d bytes: left %v", len(c.body), left)
		}
	}
}
