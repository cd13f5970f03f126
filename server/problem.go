package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/zsdoc/zsdoc/forms"
)

// ProblemType prefixes the "type" of every problem this server answers:
// "urn:zsdoc:problem:invalid-data" and so on.
const ProblemType = "urn:zsdoc:problem:"

// Problem is the body of every error response (RFC 9457,
// application/problem+json).
type Problem struct {
	// Type identifies the kind of problem: ProblemType + a slug.
	Type string `json:"type"`
	// Title is a short Chinese summary of the kind of problem.
	Title string `json:"title"`
	// Status is the HTTP status code.
	Status int `json:"status"`
	// Detail explains, in Chinese, this occurrence of the problem.
	Detail string `json:"detail,omitempty"`
	// Instance is the path of the request.
	Instance string `json:"instance,omitempty"`
	// RequestID is the request's X-Request-ID, to quote when asking for help.
	RequestID string `json:"request_id,omitempty"`
	// Errors lists every problem of invalid form data (422) or malformed
	// JSON (400), with path, label, row, rule and message.
	Errors forms.Errors `json:"errors,omitempty"`
}

// kind is a kind of problem: its status, type slug and title.
type kind struct {
	status int
	slug   string
	title  string
}

// The kinds of problem this server answers.
var (
	errBadJSON        = kind{http.StatusBadRequest, "malformed-json", "请求体不是有效的 JSON"}
	errBadRequest     = kind{http.StatusBadRequest, "bad-request", "请求参数有误"}
	errUnauthorized   = kind{http.StatusUnauthorized, "unauthorized", "需要有效的访问令牌"}
	errForbidden      = kind{http.StatusForbidden, "forbidden", "没有权限"}
	errUnknownForm    = kind{http.StatusNotFound, "unknown-form", "表单不存在"}
	errNotFound       = kind{http.StatusNotFound, "not-found", "地址不存在"}
	errMethod         = kind{http.StatusMethodNotAllowed, "method-not-allowed", "不支持该请求方法"}
	errNotAcceptable  = kind{http.StatusNotAcceptable, "unsupported-format", "不支持的输出格式"}
	errTooLarge       = kind{http.StatusRequestEntityTooLarge, "body-too-large", "请求体过大"}
	errMediaType      = kind{http.StatusUnsupportedMediaType, "unsupported-media-type", "请求体应为 JSON"}
	errInvalid        = kind{http.StatusUnprocessableEntity, "invalid-data", "表单数据不合规"}
	errInternal       = kind{http.StatusInternalServerError, "internal", "服务器内部错误"}
	errBusy           = kind{http.StatusServiceUnavailable, "busy", "服务繁忙，请稍后重试"}
	errTimeout        = kind{http.StatusServiceUnavailable, "render-timeout", "生成超时，请稍后重试"}
	errNotReady       = kind{http.StatusServiceUnavailable, "not-ready", "服务正在停止"}
	errUnknownSealImg = kind{http.StatusNotFound, "unknown-seal", "印章不存在"}
)

// problem answers the problem k with detail.
func (s *server) problem(w http.ResponseWriter, r *http.Request, k kind, detail string) {
	s.problemErrors(w, r, k, detail, nil)
}

// problemErrors answers the problem k with detail and a list of field
// errors.
func (s *server) problemErrors(w http.ResponseWriter, r *http.Request, k kind, detail string, list forms.Errors) {
	p := Problem{
		Type:      ProblemType + k.slug,
		Title:     k.title,
		Status:    k.status,
		Detail:    detail,
		Instance:  r.URL.Path,
		RequestID: infoOf(r).id,
		Errors:    list,
	}
	body, err := marshalJSON(p)
	if err != nil { // cannot happen: Problem holds strings and ints
		body = []byte(`{"type":"` + ProblemType + `internal","title":"服务器内部错误","status":500}` + "\n")
		p.Status = http.StatusInternalServerError
	}
	h := w.Header()
	h.Set("Content-Type", "application/problem+json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Cache-Control", "no-store")
	h.Del("ETag")
	h.Del("Content-Disposition")
	w.WriteHeader(p.Status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// writeJSON answers 200 with v as JSON.
func (s *server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	body, err := marshalJSON(v)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// internal logs err and answers 500.
func (s *server) internal(w http.ResponseWriter, r *http.Request, err error) {
	s.log.ErrorContext(r.Context(), "内部错误", "request_id", infoOf(r).id, "error", err.Error())
	s.problem(w, r, errInternal, "服务器内部错误，请把请求编号（request_id）告诉管理员")
}

// invalidData answers the field errors of a form: 400 when the JSON is
// malformed (rule "json"), 422 for every other problem.
func (s *server) invalidData(w http.ResponseWriter, r *http.Request, list forms.Errors) {
	for _, e := range list {
		if e.Rule == "json" {
			s.problemErrors(w, r, errBadJSON, e.Message, list)
			return
		}
	}
	detail := "表单数据有 " + strconv.Itoa(countErrors(list)) + " 处问题，见 errors"
	if len(list) > 0 && list[len(list)-1].Rule == "truncated" {
		detail = "表单数据问题很多，errors 列出了前 " + strconv.Itoa(countErrors(list)) + " 处"
	}
	if len(list) == 1 {
		detail = list[0].Message
	}
	s.problemErrors(w, r, errInvalid, detail, list)
}

// countErrors counts the problems of list, the truncated ones included.
func countErrors(list forms.Errors) int {
	n := 0
	for _, e := range list {
		if e.Rule != "truncated" {
			n++
		}
	}
	return n
}

// marshalJSON encodes v without escaping HTML characters, so that Chinese
// text and “<” stay readable, ending in a newline.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// asFieldErrors returns the field errors err carries, if any.
func asFieldErrors(err error) (forms.Errors, bool) {
	var list forms.Errors
	if errors.As(err, &list) {
		return list, true
	}
	return nil, false
}
