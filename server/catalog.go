package server

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/forms/schema"
	"github.com/zsdoc/zsdoc/workflow"
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
	// Kinds name the kind of value of each path of Labels, for a form
	// editor: one of the Kind constants ("date", "amount", "code" …).
	Kinds map[string]Kind `json:"kinds"`
	// Schema is the JSON Schema (draft 2020-12) of the form's input,
	// generated from the Go types by package forms/schema.
	Schema map[string]any `json:"schema"`
	// BlankOnly is true for a form with nothing to fill in (附件1, the
	// workflow diagram): only its blank form is rendered.
	BlankOnly bool `json:"blankOnly,omitempty"`
	// Formats, when set, are the only output formats of this form (附件1
	// is a drawing: no XLSX); else every format of Catalog.Formats.
	Formats []string `json:"formats,omitempty"`
	// Imports are the spreadsheet files POST /v1/forms/{form}/import
	// reads as this form's input ("xlsx", "csv").
	Imports []string `json:"imports,omitempty"`
}

// Catalog is the body of GET /v1/forms.
type Catalog struct {
	// Forms are the forms, in attachment order.
	Forms []FormInfo `json:"forms"`
	// Formats are the output formats the server renders ("docx", "pdf"
	// …): the values of ?format=, sorted.
	Formats []string `json:"formats"`
}

// Kind is the kind of a form's value, as an editor shows it.
type Kind string

// The kinds of value of FormInfo.Kinds.
const (
	KindText      Kind = "text"         // one line of text
	KindMultiline Kind = "multiline"    // text with line breaks
	KindInteger   Kind = "integer"      // a whole number (JSON number or digits)
	KindAmount    Kind = "amount"       // a decimal amount, in the unit of the schema's x-unit
	KindDate      Kind = "date"         // a date, 2026-11-26
	KindBool      Kind = "bool"         // 是/否
	KindCode      Kind = "code"         // one of the schema's x-codes
	KindList      Kind = "list"         // a list of texts, one a line
	KindTextOrObj Kind = "textOrObject" // one line of text, or an object of its own fields (所属500强)
	KindObject    Kind = "object"       // an object of its own fields
	KindArray     Kind = "array"        // a list of objects (rows, projects)
)

// kindOf maps the Chinese type names of schema.Field to a Kind; ok is
// false for a name it does not know (then shown as text).
func kindOf(typ string) (k Kind, ok bool) {
	switch {
	case typ == "文本":
		return KindText, true
	case typ == "多行文本":
		return KindMultiline, true
	case typ == "整数":
		return KindInteger, true
	case strings.HasPrefix(typ, "金额"):
		return KindAmount, true
	case typ == "日期":
		return KindDate, true
	case typ == "是/否":
		return KindBool, true
	case typ == "代码":
		return KindCode, true
	case typ == "文本列表":
		return KindList, true
	case typ == "文本或对象":
		return KindTextOrObj, true
	case typ == "对象":
		return KindObject, true
	case typ == "数组":
		return KindArray, true
	}
	return KindText, false
}

// buildCatalog makes the body of GET /v1/forms: every form, in attachment
// order, with its labels, kinds and JSON Schema, and the output formats.
func buildCatalog() (body []byte, err error) {
	defer func() {
		if v := recover(); v != nil { // schema.Fields panics on a type it does not know
			err = fmt.Errorf("无法生成表单的 JSON Schema：%v", v)
		}
	}()
	wf := workflow.Info()
	list := []FormInfo{{ID: wf.ID, Attachment: wf.Attachment, Title: wf.Title, Labels: map[string]string{},
		Kinds: map[string]Kind{}, Schema: map[string]any{"type": "object"}, BlankOnly: true,
		Formats: []string{string(docgen.PDF), string(docgen.DOCX)}}}
	for _, in := range forms.All() {
		sch, err := schema.For(in.ID)
		if err != nil {
			return nil, fmt.Errorf("无法生成%s的 JSON Schema：%w", in.Attachment, err)
		}
		labels := map[string]string{}
		kinds := map[string]Kind{}
		fields := schema.Fields(in.ID)
		for _, f := range fields {
			labels[f.Path] = f.Label
			kinds[f.Path], _ = kindOf(f.Type)
		}
		list = append(list, FormInfo{ID: in.ID, Attachment: in.Attachment, Title: in.Title, Labels: labels,
			Kinds: kinds, Schema: sch, BlankOnly: len(fields) == 0, Imports: importFormats(in.ID)})
	}
	var formats []string
	for _, f := range docgen.Formats() {
		formats = append(formats, string(f))
	}
	return marshalJSON(Catalog{Forms: list, Formats: formats})
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
