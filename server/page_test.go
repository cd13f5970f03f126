package server

import (
	"encoding/json"
	"io/fs"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/forms/schema"
)

// maxPageWeight bounds the page: every file it loads, together.
const maxPageWeight = 200 << 10

// webFileNames lists the embedded page files.
func webFileNames(t *testing.T) []string {
	t.Helper()
	var names []string
	err := fs.WalkDir(webFiles, "web", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil || len(names) == 0 {
		t.Fatalf("embedded page files: %v %v", names, err)
	}
	return names
}

// GET / is the page, with its strict policy; every file it names is
// served from /ui/ with its type; an unknown file is 404.
func TestPageServed(t *testing.T) {
	h := newHandler(t, Config{})
	w := call(t, h, "GET", "/", nil)
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET /: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	csp := w.Header().Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self';", "frame-src blob:", "object-src blob:", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-") || strings.Contains(csp, "http") || strings.Contains(csp, "*") {
		t.Errorf("CSP %q allows inline code or other hosts", csp)
	}
	html := w.Body.String()
	refs := regexp.MustCompile(`(?:src|href)="([^"]*)"`).FindAllStringSubmatch(html, -1)
	if len(refs) < 2 {
		t.Fatalf("the page names %d files", len(refs))
	}
	types := map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
	for _, m := range refs {
		if m[1] == "/v1/forms" { // preloaded: the catalog is fetched with the modules, not after them
			continue
		}
		if !strings.HasPrefix(m[1], AssetPrefix) {
			t.Errorf("the page names %q, outside %s", m[1], AssetPrefix)
			continue
		}
		r := call(t, h, "GET", m[1], nil)
		ext := m[1][strings.LastIndex(m[1], "."):]
		if r.Code != http.StatusOK || (types[ext] != "" && r.Header().Get("Content-Type") != types[ext]) ||
			r.Header().Get("Content-Security-Policy") != csp {
			t.Errorf("GET %s: %d %s, CSP %q", m[1], r.Code, r.Header().Get("Content-Type"), r.Header().Get("Content-Security-Policy"))
		}
		// Revalidation: the same file is 304 for its ETag.
		if r2 := call(t, h, "GET", m[1], nil, "If-None-Match", r.Header().Get("ETag")); r2.Code != http.StatusNotModified {
			t.Errorf("GET %s with its ETag: %d", m[1], r2.Code)
		}
	}
	for _, p := range []string{"/ui/nothing.js", "/ui/index.html", "/ui/../server.go", "/ui/", "/ui/%2e%2e%2fpage.go"} {
		// 404, or the router's redirect to the cleaned path: never a file.
		if r := call(t, h, "GET", p, nil); r.Code != http.StatusNotFound && r.Code != http.StatusMovedPermanently {
			t.Errorf("GET %s: %d, want 404", p, r.Code)
		}
	}
	if r := call(t, h, "POST", "/", []byte("{}")); r.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d", r.Code)
	}
	// With tokens, the page itself needs none (it holds no data).
	tok, _ := tokenServer(t, nil)
	if r := call(t, tok, "GET", "/", nil); r.Code != http.StatusOK {
		t.Errorf("GET / with tokens configured: %d", r.Code)
	}
}

// The page weighs at most 200 KB, all files together.
func TestPageWeight(t *testing.T) {
	total := 0
	for _, p := range webFileNames(t) {
		data, _ := webFiles.ReadFile(p)
		total += len(data)
		t.Logf("%-24s %6d bytes", p, len(data))
	}
	t.Logf("page weight: %d bytes (%.1f KB) of %d KB allowed", total, float64(total)/1024, maxPageWeight>>10)
	if total > maxPageWeight {
		t.Errorf("page weight %d bytes, over %d", total, maxPageWeight)
	}
}

// The page's code never inserts text as HTML nor builds code from text,
// names no other host, and has no inline script or style for the policy
// to refuse.
func TestPageCodeRules(t *testing.T) {
	banned := regexp.MustCompile(`\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setTimeout\(['"\x60]|javascript:`)
	external := regexp.MustCompile(`(?i)\b(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}|@import`)
	cssURL := regexp.MustCompile(`\burl\(`)
	inline := regexp.MustCompile(`(?i)<script(?:\s+type="module")?\s*>|\son[a-z]+=|\sstyle=`)
	for _, p := range webFileNames(t) {
		data, _ := webFiles.ReadFile(p)
		src := string(data)
		if strings.HasSuffix(p, ".js") {
			if m := banned.FindString(src); m != "" {
				t.Errorf("%s uses %q", p, m)
			}
			if n := strings.Count(src, "\n"); n > 400 {
				t.Errorf("%s has %d lines, keep it under 400", p, n)
			}
		}
		if m := cssURL.FindString(src); m != "" && strings.HasSuffix(p, ".css") {
			t.Errorf("%s loads a resource: %q", p, m)
		}
		if m := external.FindString(src); m != "" {
			t.Errorf("%s names another host or imports: %q", p, m)
		}
		if strings.HasSuffix(p, ".html") {
			if m := inline.FindString(src); m != "" {
				t.Errorf("%s has inline code: %q", p, m)
			}
		}
	}
	// The rules catch what they are for.
	for _, bad := range []string{`el.innerHTML = s`, `eval(x)`, `new Function("a")`} {
		if !banned.MatchString(bad) {
			t.Errorf("the rule misses %q", bad)
		}
	}
	if !external.MatchString(`import x from "https://cdn.example.com/x.js"`) || !inline.MatchString(`<button onclick="x()">`) {
		t.Error("the host or inline rule misses its example")
	}
}

// GET /v1/forms gives, for the page, every registered output format and a
// known kind for every key of every form.
func TestCatalogForPage(t *testing.T) {
	var cat Catalog
	w := call(t, newHandler(t, Config{}), "GET", "/v1/forms", nil)
	if err := json.Unmarshal(w.Body.Bytes(), &cat); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range docgen.Formats() {
		want = append(want, string(f))
	}
	if !slices.Equal(cat.Formats, want) || !slices.Contains(cat.Formats, "pdf") {
		t.Errorf("formats %q, want %q", cat.Formats, want)
	}
	for _, f := range cat.Forms {
		for _, fl := range schema.Fields(f.ID) {
			if _, ok := kindOf(fl.Type); !ok {
				t.Errorf("%s %s: type %q has no kind: add it to kindOf", f.ID, fl.Path, fl.Type)
			}
			if f.Kinds[fl.Path] == "" {
				t.Errorf("%s %s: no kind", f.ID, fl.Path)
			}
		}
	}
	kinds := map[forms.ID]map[string]Kind{}
	for _, f := range cat.Forms {
		kinds[f.ID] = f.Kinds
		if f.BlankOnly != (len(schema.Fields(f.ID)) == 0) {
			t.Errorf("%s: blankOnly %v", f.ID, f.BlankOnly)
		}
	}
	for path, k := range map[string]Kind{"date": KindDate, "rows[].projects[].totalInvestment": KindAmount,
		"rows[].projects[].cooperation": KindCode, "rows[].projects[].firstTime": KindBool, "rows[].projects": KindArray,
		"rows[].top500": KindTextOrObj, "rows[].projects[].company": KindObject, "rows[].projects[].overview": KindMultiline} {
		if kinds[forms.SigningID][path] != k {
			t.Errorf("signing %s: kind %q, want %q", path, kinds[forms.SigningID][path], k)
		}
	}
	if kinds[forms.TaskListID]["rows[].tasks"] != KindList || kinds[forms.TaskListID]["rows[].no"] != KindInteger {
		t.Errorf("tasklist kinds %v", kinds[forms.TaskListID])
	}
}

// The browser tests' check of the page's requests finds another host.
func TestForeignRequests(t *testing.T) {
	base := "http://127.0.0.1:4000"
	ok := []string{base + "/", base + "/ui/app.js", "blob:http://127.0.0.1:4000/9bf0", "data:image/svg+xml;base64,AA",
		"chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html"}
	bad := []string{"https://cdn.example.com/x.js", "http://127.0.0.1:4001/", "https://127.0.0.1:4000/", "//fonts.example.net/a.woff"}
	if out := foreign(base, ok); len(out) > 0 {
		t.Errorf("foreign(%q) = %q", ok, out)
	}
	if out := foreign(base, append(ok, bad...)); !slices.Equal(out, bad) {
		t.Errorf("foreign finds %q, want %q", out, bad)
	}
}
