package server

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"strconv"

	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/forms/schema"
)

// FormInfo is one form of GET /v1/forms.
type FormInfo struct {
	// ID is the form's id, as {form} in the routes takes it.
	ID forms.ID `json:"id"`
	// Attachment is the form's attachment: "附件4".
	Attachment string `json:"attachment"`
	// Title is the form's official title.
	Title string `json:"title"`
	// Labels are the printed labels of the input's keys by path
	// ("rows[].projects[].cooperation": "合作方式"; "[]" stands for every
	// item of a list).
	Labels map[string]string `json:"labels"`
	// Schema is the JSON Schema (draft 2020-12) of the form's input,
	// generated from the Go types by package forms/schema.
	Schema map[string]any `json:"schema"`
}

// buildCatalog makes the body of GET /v1/forms: every form, in attachment
// order, with its labels and JSON Schema.
func buildCatalog() (body []byte, err error) {
	defer func() {
		if v := recover(); v != nil { // schema.Fields panics on a type it does not know
			err = fmt.Errorf("无法生成表单的 JSON Schema：%v", v)
		}
	}()
	var list []FormInfo
	for _, in := range forms.All() {
		sch, err := schema.For(in.ID)
		if err != nil {
			return nil, fmt.Errorf("无法生成%s的 JSON Schema：%w", in.Attachment, err)
		}
		labels := map[string]string{}
		for _, f := range schema.Fields(in.ID) {
			labels[f.Path] = f.Label
		}
		list = append(list, FormInfo{ID: in.ID, Attachment: in.Attachment, Title: in.Title, Labels: labels, Schema: sch})
	}
	return marshalJSON(struct {
		Forms []FormInfo `json:"forms"`
	}{list})
}

// handleCatalog answers GET /v1/forms.
func (s *server) handleCatalog(w http.ResponseWriter, r *http.Request) {
	s.writeStatic(w, r, s.catalog, "application/json; charset=utf-8")
}

// handleOpenAPI answers GET /v1/openapi.json.
func (s *server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	s.writeStatic(w, r, s.openapi, "application/json; charset=utf-8")
}

// writeStatic answers with a body made once at start, with an ETag.
func (s *server) writeStatic(w http.ResponseWriter, r *http.Request, body []byte, contentType string) {
	w.Header().Set("Cache-Control", "no-cache")
	if s.notModified(w, r, sha256.Sum256(body)) {
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
