package server

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium returns the path of a Chromium-based browser (ZSDOC_CHROMIUM,
// or Debian's chromium), skipping the test when there is none, or
// failing it when ZSDOC_REQUIRE_TOOLS=1 (CI installs chromium).
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("ZSDOC_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("ZSDOC_REQUIRE_TOOLS") == "1" {
		t.Fatal("no Chromium-based browser: apt-get install chromium")
	}
	t.Skip("no Chromium-based browser (apt-get install chromium)")
	return ""
}

// tab is a headless Chromium tab on a test server, recording what the
// browser asks for, the dialogs it opens and the files it downloads.
type tab struct {
	t         *testing.T
	ctx       context.Context
	srv       *httptest.Server
	h         http.Handler
	out       string // the test's artifact folder: screenshots
	dlDir     string
	step      int
	mu        sync.Mutex
	urls      []string            // every request the page made
	dialogs   []string            // messages of JavaScript dialogs (none expected)
	errors    []string            // uncaught exceptions and console errors
	names     map[string]string   // download guid → suggested file name
	finished  map[string]bool     // download guids completed
	frames    map[string]string   // URL of each frame navigation → its MIME type
	responses map[string]response // the last response to each URL
}

// response is what the browser received for a URL.
type response struct {
	id     network.RequestID
	status int64
	mime   string
}

// newTab starts a server with cfg and a browser at 1366×768 on its page.
func newTab(t *testing.T, cfg Config) *tab {
	t.Helper()
	if testing.Short() {
		t.Skip("a browser test (-short)")
	}
	exe := chromium(t)
	h := newHandler(t, cfg)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.WindowSize(1366, 768), chromedp.Flag("lang", "zh-CN"))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTime := context.WithTimeout(ctx, time.Minute)
	t.Cleanup(func() { cancelTime(); cancelCtx(); cancelAlloc() })
	tb := &tab{t: t, ctx: ctx, srv: srv, h: h, out: t.ArtifactDir(), dlDir: t.TempDir(),
		names: map[string]string{}, finished: map[string]bool{},
		frames: map[string]string{}, responses: map[string]response{}}
	if err := chromedp.Listen(ctx, tb.onEvent); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	if err := chromedp.ListenBrowser(ctx, tb.onEvent); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	yes := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: tb.dlDir, EventsEnabled: &yes,
	}); err != nil {
		t.Fatal(err)
	}
	go tb.dismissDialogs()
	return tb
}

// onEvent records an event; it runs in chromedp's read loop and must not block.
func (tb *tab) onEvent(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		tb.urls = append(tb.urls, ev.Request.URL)
	case *page.EventJavascriptDialogOpening:
		tb.dialogs = append(tb.dialogs, ev.Message)
	case *runtime.EventExceptionThrown:
		tb.errors = append(tb.errors, ev.ExceptionDetails.Text+" "+fmt.Sprint(ev.ExceptionDetails.Exception))
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			tb.errors = append(tb.errors, "console.error: "+strings.Join(parts, " "))
		}
	case *cdplog.EventEntryAdded:
		// A refused load or script (the page's policy at work) is a
		// failure too: the page tried something it must not.
		if strings.Contains(ev.Entry.Text, "Content Security Policy") {
			tb.errors = append(tb.errors, "CSP: "+ev.Entry.Text)
		}
	case *browser.EventDownloadWillBegin:
		tb.names[ev.GUID] = ev.SuggestedFilename
	case *page.EventFrameNavigated:
		tb.frames[ev.Frame.URL] = ev.Frame.MimeType
	case *network.EventResponseReceived:
		tb.responses[ev.Response.URL] = response{ev.RequestID, ev.Response.Status, ev.Response.MimeType}
	case *browser.EventDownloadProgress:
		if ev.State == browser.DownloadProgressStateCompleted {
			tb.finished[ev.GUID] = true
		}
	}
}

// dismissDialogs closes any dialog, so that a test that opens one fails
// on the record rather than hanging.
func (tb *tab) dismissDialogs() {
	for _, err := range chromedp.Events(tb.ctx, page.JavascriptDialogOpening) {
		if err != nil {
			return
		}
		chromedp.Call(tb.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
	}
}

// do runs actions, failing the test on an error.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression (promises awaited) as T.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// open loads the page and waits until the editor is built.
func (tb *tab) open() {
	tb.t.Helper()
	tb.do(chromedp.Navigate(tb.srv.URL + "/"))
	tb.waitJS(`document.querySelector('#editor .field') !== null || document.querySelector('#editor .blank-only') !== null`)
}

// waitJS waits until expr is true, for up to 10 s.
func (tb *tab) waitJS(expr string) {
	tb.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if eval[bool](tb, "!!("+expr+")") {
			return
		}
		if time.Now().After(deadline) {
			tb.shot("timeout")
			tb.t.Fatalf("timed out waiting for %s; status %q", expr, eval[string](tb, `document.getElementById('status').textContent`))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// shot saves a screenshot of the viewport as NN-name.png in the artifact folder.
func (tb *tab) shot(name string) string {
	tb.t.Helper()
	buf, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		tb.t.Fatal(err)
	}
	tb.step++
	p := filepath.Join(tb.out, fmt.Sprintf("%02d-%s.png", tb.step, name))
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	return p
}

// download presses the download button of format and returns the
// file's suggested name and bytes.
func (tb *tab) download(format string) (string, []byte) {
	tb.t.Helper()
	return tb.downloadWith(chromedp.CSS(`#downloads button[data-format="` + format + `"]`))
}

// downloadWith presses the button of sel and returns the file it
// downloads: its suggested name and bytes.
func (tb *tab) downloadWith(sel chromedp.CSS) (string, []byte) {
	tb.t.Helper()
	tb.mu.Lock()
	before := len(tb.names)
	tb.mu.Unlock()
	tb.press(sel)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		tb.mu.Lock()
		for guid, name := range tb.names {
			if tb.finished[guid] && len(tb.names) > before && !strings.HasPrefix(name, "seen:") {
				tb.names[guid] = "seen:" + name
				tb.mu.Unlock()
				data, err := os.ReadFile(filepath.Join(tb.dlDir, guid))
				if err != nil {
					tb.t.Fatal(err)
				}
				return name, data
			}
		}
		tb.mu.Unlock()
		time.Sleep(50 * time.Millisecond)
	}
	tb.shot("download-timeout")
	tb.t.Fatalf("no download from %s; status %q", sel, eval[string](tb, `document.getElementById('status').textContent`))
	return "", nil
}

// checkClean fails the test for a dialog, a script error or a request
// to another host than the server.
func (tb *tab) checkClean() {
	tb.t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if len(tb.dialogs) > 0 {
		tb.t.Errorf("dialogs opened: %q", tb.dialogs)
	}
	if len(tb.errors) > 0 {
		tb.t.Errorf("script errors: %q", tb.errors)
	}
	if out := foreign(tb.srv.URL, tb.urls); len(out) > 0 {
		tb.t.Errorf("requests outside the server: %q", out)
	}
	if len(tb.urls) == 0 {
		tb.t.Error("no request recorded: the network events are not watched")
	}
}

// foreign returns the URLs that are not the server's at base. blob: and
// data: are the page's own objects and the browser's pictures (the date
// picker's icon); chrome-extension: is the browser's built-in PDF viewer.
func foreign(base string, urls []string) []string {
	host, _ := url.Parse(base)
	var out []string
	for _, u := range urls {
		p, err := url.Parse(u)
		if err != nil || !(p.Scheme == "blob" || p.Scheme == "data" || p.Scheme == "chrome-extension" ||
			(p.Scheme == host.Scheme && p.Host == host.Host)) {
			out = append(out, u)
		}
	}
	return out
}

// requested reports whether the page asked for a URL ending in suffix.
func (tb *tab) requested(suffix string) bool {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, u := range tb.urls {
		if strings.HasSuffix(u, suffix) {
			return true
		}
	}
	return false
}

// checkLabels checks what keyboard and screen-reader users need: every
// input has a label bound to it, no element jumps the tab order, and
// every button is type=button (Enter never submits a form).
func (tb *tab) checkLabels() {
	tb.t.Helper()
	unlabelled := eval[[]string](tb, `[...document.querySelectorAll('input, select, textarea')]`+
		`.filter(e => e.labels.length === 0).map(e => e.id || e.outerHTML)`)
	if len(unlabelled) > 0 {
		tb.t.Errorf("inputs without a label: %q", unlabelled)
	}
	if n := eval[int](tb, `document.querySelectorAll('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').length`); n > 0 {
		tb.t.Errorf("%d elements with a positive tabindex", n)
	}
	if n := eval[int](tb, `[...document.querySelectorAll('button')].filter(b => b.type !== 'button').length + document.forms.length`); n > 0 {
		tb.t.Errorf("%d buttons that submit, or forms", n)
	}
}

// blobBytes reads a blob: URL of the page from a second tab of the same
// origin (the page's own policy lets no script fetch a blob:).
func (tb *tab) blobBytes(u string) []byte {
	tb.t.Helper()
	ctx, cancel := chromedp.NewContext(tb.ctx)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(tb.srv.URL+"/healthz")); err != nil {
		tb.t.Fatal(err)
	}
	b64, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(`+jsString(u)+`).then(r => r.blob())`+
		`.then(b => new Promise(ok => { const f = new FileReader(); f.onload = () => ok(f.result.split(',')[1]); f.readAsDataURL(b); }))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("reading %s: %v", u, err)
	}
	data, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		tb.t.Fatal(err)
	}
	return data
}

// responseTo returns what the browser received for the URL ending in
// suffix. (Chromium keeps no body for a fetch read as a blob.)
func (tb *tab) responseTo(suffix string) response {
	tb.t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for u, r := range tb.responses {
		if strings.HasSuffix(u, suffix) {
			return r
		}
	}
	tb.t.Fatalf("no response to …%s", suffix)
	return response{}
}

// frameMIME returns the MIME type of the document a frame navigated to
// at u, waiting up to 10 s for the navigation.
func (tb *tab) frameMIME(u string) string {
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		tb.mu.Lock()
		mime, ok := tb.frames[u]
		tb.mu.Unlock()
		if ok || time.Now().After(deadline) {
			return mime
		}
	}
}
