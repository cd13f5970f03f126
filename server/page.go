package server

import (
	"crypto/sha256"
	"embed"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"

	"github.com/gorilla/mux"
)

// webFiles are the files of the browser page: plain HTML, CSS and
// JavaScript modules, no build step, nothing fetched from another host.
//
//go:embed web
var webFiles embed.FS

// pageCSP is the Content-Security-Policy of the page and its files: only
// this server's scripts, styles, images and API; blob: for the seal
// thumbnails and for the PDF preview (a frame, or the viewer's plugin);
// no inline script, no framing by other sites, no form posting anywhere.
const pageCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; " +
	"connect-src 'self'; frame-src blob:; object-src blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// AssetPrefix is the path under which the page's files are served:
// GET /ui/app.js and so on; GET / is web/index.html.
const AssetPrefix = "/ui/"

// asset is one embedded file of the page, ready to serve.
type asset struct {
	body        []byte
	contentType string
	sum         [sha256.Size]byte
}

// loadAssets reads the embedded page files: "index.html" is the page, the
// others are served under AssetPrefix by their names.
func loadAssets() (map[string]asset, error) {
	out := map[string]asset{}
	err := fs.WalkDir(webFiles, "web", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := webFiles.ReadFile(p)
		if err != nil {
			return err
		}
		ct := mime.TypeByExtension(path.Ext(p))
		switch path.Ext(p) { // not left to the system's MIME tables
		case ".html":
			ct = "text/html; charset=utf-8"
		case ".js":
			ct = "text/javascript; charset=utf-8"
		case ".css":
			ct = "text/css; charset=utf-8"
		case ".svg":
			ct = "image/svg+xml"
		}
		if ct == "" {
			ct = "application/octet-stream"
		}
		out[path.Base(p)] = asset{body: body, contentType: ct, sum: sha256.Sum256(body)}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("无法读取内置网页文件：%w", err)
	}
	if _, ok := out["index.html"]; !ok {
		return nil, fmt.Errorf("内置网页文件缺少 index.html")
	}
	return out, nil
}

// handlePage answers GET /: the page to fill, check, preview and download
// the forms in a browser.
func (s *server) handlePage(w http.ResponseWriter, r *http.Request) {
	s.writeAsset(w, r, s.assets["index.html"])
}

// handleAsset answers GET /ui/{file}: a file of the page.
func (s *server) handleAsset(w http.ResponseWriter, r *http.Request) {
	name := mux.Vars(r)["file"]
	a, ok := s.assets[name]
	if !ok || name == "index.html" {
		s.problem(w, r, errNotFound, "没有这个网页文件："+r.URL.Path)
		return
	}
	s.writeAsset(w, r, a)
}

// writeAsset answers with a page file, its strict headers and an ETag; a
// browser revalidates (no-cache), so a new binary's page is used at once.
func (s *server) writeAsset(w http.ResponseWriter, r *http.Request, a asset) {
	h := w.Header()
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cache-Control", "no-cache")
	if s.notModified(w, r, a.sum) {
		return
	}
	h.Set("Content-Type", a.contentType)
	h.Set("Content-Length", strconv.Itoa(len(a.body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(a.body)
	}
}
