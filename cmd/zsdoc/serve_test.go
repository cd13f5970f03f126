package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/server"
)

func TestHashToken(t *testing.T) {
	r := zsdoc(t, strings.NewReader("abc\n"), "serve", "hash-token")
	if r.code != 0 || r.stdout != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = zsdoc(t, nil, "serve", "hash-token", "--new")
	m := regexp.MustCompile(`^token=([A-Za-z0-9_-]{43})\ntoken_sha256=([0-9a-f]{64})\n$`).FindStringSubmatch(r.stdout)
	if r.code != 0 || m == nil || server.HashToken(m[1]) != m[2] {
		t.Fatalf("--new: exit %d, stdout %q", r.code, r.stdout)
	}
	if again := zsdoc(t, nil, "serve", "hash-token", "--new"); again.stdout == r.stdout {
		t.Errorf("--new made the same token twice")
	}
	for _, in := range []string{"", "  \n", "a b"} {
		if r := zsdoc(t, strings.NewReader(in), "serve", "hash-token"); r.code != 2 || r.stdout != "" {
			t.Errorf("stdin %q: exit %d, stdout %q", in, r.code, r.stdout)
		}
	}
	if r := zsdoc(t, nil, "serve", "hash-token", "--help"); r.code != 0 || !strings.Contains(r.stdout, "--new") {
		t.Errorf("hash-token --help: exit %d, %q", r.code, r.stdout)
	}
}

// Real seals need --config or --open; wrong flags and files are exit 2.
func TestServeRefuses(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "access.json")
	os.WriteFile(cfg, []byte(`{"clients":[{"name":"a","token_sha256":"00"}]}`), 0o600)
	for _, args := range [][]string{
		{"serve", "--addr", "127.0.0.1:0"}, // ZSDOC_SEALS is set by zsdoc()
		{"serve", "--addr", "127.0.0.1:0", "--seals", testSeals},
		{"serve", "--config", cfg, "--open"},
		{"serve", "--config", cfg},
		{"serve", "--config", filepath.Join(t.TempDir(), "missing.json")},
		{"serve", "--concurrency", "0", "--open"},
		{"serve", "--queue-wait", "soon"},
		{"serve", "extra"},
	} {
		r := zsdoc(t, nil, args...)
		if r.code != 2 || !strings.HasPrefix(r.stderr, "zsdoc: ") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	r := zsdoc(t, nil, "serve", "--seals", testSeals)
	if !strings.Contains(r.stderr, "--config") || !strings.Contains(r.stderr, "--open") {
		t.Errorf("the refusal does not say what to do: %q", r.stderr)
	}
}

// lockedBuffer is the stderr of a server running in another goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServe runs zsdoc serve with args on a free port and returns its
// address, its log, and a function that stops it and returns its error.
func startServe(t *testing.T, getenv func(string) string, args ...string) (string, *lockedBuffer, func() error) {
	t.Helper()
	var stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	e := env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, getenv: getenv}
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), e) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		sc := bufio.NewScanner(strings.NewReader(stderr.String()))
		for sc.Scan() {
			var line struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Addr != "" {
				return line.Addr, &stderr, func() error { cancel(); return <-done }
			}
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("serve ended: %v\n%s", err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("no start-up line:\n%s", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func noEnv(string) string { return "" }

func TestServeStartsAndStops(t *testing.T) {
	addr, log, stop := startServe(t, noEnv)
	if !strings.Contains(log.String(), `"mode":"open-specimen-only"`) {
		t.Errorf("the start-up line does not say the mode:\n%s", log)
	}
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("/healthz: status %d", resp.StatusCode)
	}
	input, _ := examples.Input("supervision")
	resp, err = http.Post("http://"+addr+"/v1/forms/附件6", "application/json", bytes.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.HasPrefix(body, []byte("%PDF-")) {
		t.Errorf("render: status %d", resp.StatusCode)
	}
	if err := stop(); err != nil {
		t.Errorf("serve returned %v", err)
	}
	if !strings.Contains(log.String(), "服务已停止") || !strings.Contains(log.String(), `"status":200`) {
		t.Errorf("log:\n%s", log)
	}
	if _, err := http.Get("http://" + addr + "/healthz"); err == nil {
		t.Errorf("still serving after the stop")
	}
}

// With --config and --seals, a client's token stamps its seal and the
// stamp is audited; --open with seals is logged as a warning.
func TestServeConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "access.json")
	auditFile := filepath.Join(dir, "audit.jsonl")
	os.WriteFile(cfg, []byte(`{"clients":[{"name":"甲","token_sha256":"`+server.HashToken("tok")+`","seals":["jingkai"]}]}`), 0o600)
	os.WriteFile(filepath.Join(dir, "jingkai.png"), examples.SpecimenSeal(), 0o600)
	getenv := func(k string) string {
		if k == "ZSDOC_SEALS" {
			return dir
		}
		return ""
	}
	addr, log, stop := startServe(t, getenv, "--config", cfg, "--audit", auditFile)
	input := bytes.Replace(func() []byte { b, _ := examples.Input("landing"); return b }(), []byte(`"seal": "specimen"`), []byte(`"seal": "jingkai"`), 1)
	if !bytes.Contains(input, []byte(`"jingkai"`)) {
		t.Fatal("the landing example names no specimen seal to replace")
	}
	for _, c := range []struct {
		token  string
		status int
	}{{"", 401}, {"tok", 200}} {
		req, _ := http.NewRequest("POST", "http://"+addr+"/v1/forms/landing", bytes.NewReader(input))
		req.Header.Set("Content-Type", "application/json")
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("token %q: status %d, want %d", c.token, resp.StatusCode, c.status)
		}
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(auditFile)
	if strings.Count(string(data), "\n") != 1 || !strings.Contains(string(data), `"client":"甲"`) {
		t.Errorf("audit file:\n%s", data)
	}
	if !strings.Contains(log.String(), `"mode":"tokens"`) || strings.Contains(log.String(), `"tok"`) {
		t.Errorf("log:\n%s", log)
	}

	_, log, stop = startServe(t, getenv, "--open")
	stop()
	if !strings.Contains(log.String(), `"level":"WARN"`) || !strings.Contains(log.String(), "jingkai") {
		t.Errorf("--open with seals is not a warning naming them:\n%s", log)
	}
}

// A request in flight when the server is told to stop is answered before
// it stops.
func TestServeDrains(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a long form")
	}
	var m map[string]any
	input, _ := examples.Input("followup")
	json.Unmarshal(input, &m)
	row := m["rows"].([]any)[0].(map[string]any)
	delete(row, "no")
	row["overview"] = strings.Repeat("湘潭经开区新能源汽车零部件项目，总投资十二亿元。", 20)
	rows := make([]any, 300)
	for i := range rows {
		rows[i] = row
	}
	m["rows"] = rows
	big, _ := json.Marshal(m)

	addr, log, stop := startServe(t, noEnv)
	type answer struct {
		status int
		err    error
	}
	answered := make(chan answer, 1)
	go func() {
		resp, err := http.Post("http://"+addr+"/v1/forms/followup", "application/json", bytes.NewReader(big))
		if err != nil {
			answered <- answer{0, err}
			return
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		answered <- answer{resp.StatusCode, err}
	}()
	time.Sleep(50 * time.Millisecond)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if a := <-answered; a.err != nil || a.status != 200 {
		t.Fatalf("in-flight request: status %d, %v", a.status, a.err)
	}
	l := log.String()
	stopping, served := strings.Index(l, "正在停止"), strings.Index(l, `"route":"/v1/forms/{form}"`)
	if stopping < 0 || served < stopping {
		t.Errorf("the request was not in flight when the server began to stop:\n%s", l)
	}
}
