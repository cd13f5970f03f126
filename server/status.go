package server

import (
	"crypto/sha256"
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"github.com/zsdoc/zsdoc/seal"
)

// sealWidth is the printed diameter of a seal previewed by GET
// /v1/seals/{id}.png, in millimetres: docgen's default.
const sealWidth = 42

// handleHealth answers GET /healthz: the process is alive.
func (s *server) handleHealth(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, r, http.StatusOK, map[string]string{"status": "ok"})
}

// handleReady answers GET /readyz: 200 while the server takes requests —
// New has loaded the fonts and checked the seals — and 503 once it is
// shutting down.
func (s *server) handleReady(w http.ResponseWriter, r *http.Request) {
	select {
	case <-s.cfg.ShuttingDown:
		s.problem(w, r, errNotReady, "服务正在停止，不再接受新的请求")
		return
	default:
	}
	s.writeJSON(w, r, http.StatusOK, struct {
		Status string `json:"status"`
		Fonts  bool   `json:"fonts"`
		Seals  int    `json:"seals"`
		Mode   string `json:"mode"`
	}{"ready", true, len(s.store.IDs()), s.mode.String()})
}

// SealInfo is one seal of GET /v1/seals.
type SealInfo struct {
	// ID is what an input names in "seal".
	ID string `json:"id"`
	// Name is the seal's display name (its id when none is configured).
	Name string `json:"name"`
	// Image is the path of its preview, GET /v1/seals/{id}.png.
	Image string `json:"image"`
}

// handleSeals answers GET /v1/seals: the seals the caller may stamp.
func (s *server) handleSeals(w http.ResponseWriter, r *http.Request) {
	p := s.authenticate(w, r)
	if p == nil {
		return
	}
	list := []SealInfo{}
	for _, id := range s.grantedSeals(p) {
		list = append(list, SealInfo{ID: id, Name: s.sealName(id), Image: "/v1/seals/" + id + ".png"})
	}
	s.writeJSON(w, r, http.StatusOK, struct {
		Seals []SealInfo `json:"seals"`
	}{list})
}

// handleSealImage answers GET /v1/seals/{id}.png: the seal as it is
// embedded in documents (print resolution), only for a caller granted it.
func (s *server) handleSealImage(w http.ResponseWriter, r *http.Request) {
	p := s.authenticate(w, r)
	if p == nil {
		return
	}
	id := mux.Vars(r)["id"]
	if !s.store.Has(id) {
		s.problem(w, r, errUnknownSealImg, "没有印章“"+id+"”")
		return
	}
	if !p.mayStamp(id) {
		s.forbid(w, r, "客户端“"+p.name+"”无权使用印章“"+id+"”")
		return
	}
	img, err := s.store.Seal(id, seal.PixelsFor(sealWidth))
	if err != nil {
		s.internal(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "private, no-cache")
	if s.notModified(w, r, sha256.Sum256(img.PNG)) {
		return
	}
	h.Set("Content-Type", "image/png")
	h.Set("Content-Length", strconv.Itoa(len(img.PNG)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(img.PNG)
	}
}
