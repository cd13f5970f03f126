package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/workflow"
)

// handleRender answers POST /v1/forms/{form}: the filled, stamped form.
func (s *server) handleRender(w http.ResponseWriter, r *http.Request) {
	p, id, f, format, opts, ok := s.formRequest(w, r, s.negotiate)
	if !ok {
		return
	}
	doc, d, ok := s.work(w, r, func(ctx context.Context, buf *bytes.Buffer) error {
		return docgen.Render(ctx, buf, f, format, opts...)
	})
	if !ok {
		return
	}
	s.metrics.rendered(id, format, "filled", doc, d)
	sum := sha256.Sum256(doc)
	if s.notModified(w, r, sum) {
		return
	}
	if seals := f.SealIDs(); len(seals) > 0 {
		if err := s.recordStamp(r, p, id, format, seals, len(doc), sum, 0); err != nil {
			s.internal(w, r, err)
			return
		}
	}
	fallback := string(id)
	if date := f.FormDate(); !date.IsZero() {
		fallback += "-" + string(date)
	}
	s.writeDocument(w, r, doc, format, docgen.FileName(f, format), fallback, "private, no-cache")
}

// handleBlank answers GET /v1/forms/{form}/blank: the blank form.
func (s *server) handleBlank(w http.ResponseWriter, r *http.Request) {
	p := s.authenticate(w, r)
	if p == nil {
		return
	}
	var id forms.ID
	var opts []docgen.Option
	if in, diagram := workflow.LookupName(mux.Vars(r)["form"]); diagram {
		// 附件1, the workflow diagram: blank is its only variant, open to
		// every client; ?annotate=1 names the forms, ?stage= highlights one.
		id, infoOf(r).form = in.ID, string(in.ID)
		annotate, ok := s.flagParam(w, r, "annotate")
		if !ok {
			return
		}
		if opts, ok = s.paperOption(w, r, s.opts); !ok {
			return
		}
		if annotate {
			opts = append(opts, docgen.WithAnnotate())
		}
		if stage := strings.TrimSpace(r.URL.Query().Get("stage")); stage != "" {
			opts = append(opts, docgen.WithStage(stage))
		}
	} else {
		var ok bool
		if id, ok = s.formParam(w, r, p); !ok {
			return
		}
		if opts, ok = s.paperOption(w, r, s.opts); !ok {
			return
		}
	}
	format, ok := s.negotiate(w, r)
	if !ok {
		return
	}
	doc, d, ok := s.work(w, r, func(ctx context.Context, buf *bytes.Buffer) error {
		return docgen.RenderBlank(ctx, buf, id, format, opts...)
	})
	if !ok {
		return
	}
	s.metrics.rendered(id, format, "blank", doc, d)
	if s.notModified(w, r, sha256.Sum256(doc)) {
		return
	}
	s.writeDocument(w, r, doc, format, docgen.BlankFileName(id, format), string(id)+"-blank", "no-cache")
}

// handleValidate answers POST /v1/forms/{form}/validate with what the
// render would say: the same parsing, grants and docgen.Check (glyphs
// included, for the format of ?format=).
func (s *server) handleValidate(w http.ResponseWriter, r *http.Request) {
	_, _, f, format, opts, ok := s.formRequest(w, r, s.queryFormat)
	if !ok {
		return
	}
	_, _, ok = s.work(w, r, func(ctx context.Context, _ *bytes.Buffer) error {
		return docgen.Check(ctx, f, format, opts...)
	})
	if !ok {
		return
	}
	s.writeJSON(w, r, http.StatusOK, struct {
		Valid bool `json:"valid"`
	}{true})
}

// formRequest does what a request carrying a form needs before its work,
// answering any failure: the token, the form (and its grant), the format
// (by format), the paper, a JSON body, the parsed form and the grants of
// the seals it names.
func (s *server) formRequest(w http.ResponseWriter, r *http.Request,
	format func(http.ResponseWriter, *http.Request) (docgen.Format, bool)) (
	p *principal, id forms.ID, f forms.Form, fm docgen.Format, opts []docgen.Option, ok bool) {
	if p = s.authenticate(w, r); p == nil {
		return
	}
	if id, ok = s.formParam(w, r, p); !ok {
		return
	}
	if fm, ok = format(w, r); !ok {
		return
	}
	if opts, ok = s.paperOption(w, r, s.opts); !ok || !s.jsonBody(w, r) {
		return p, id, nil, fm, nil, false
	}
	if f, ok = s.readForm(w, r, id); !ok || !s.checkGrants(w, r, p, f) {
		return p, id, nil, fm, nil, false
	}
	return p, id, f, fm, opts, true
}

// readForm reads and parses the body as the input of form id: 413 over
// MaxBody, 400 for malformed JSON or an unreadable body, 422 for invalid
// data.
func (s *server) readForm(w http.ResponseWriter, r *http.Request, id forms.ID) (forms.Form, bool) {
	limit := s.cfg.MaxBody
	if r.ContentLength > limit {
		s.tooLarge(w, r)
		return nil, false
	}
	body := http.MaxBytesReader(w, r.Body, limit+1)
	f, err := forms.ParseReader(body, id, limit)
	if err == nil {
		return f, true
	}
	var tooLarge *forms.TooLargeError
	var maxBytes *http.MaxBytesError
	switch list, isList := asFieldErrors(err); {
	case isList:
		s.invalidData(w, r, list)
	case errors.As(err, &tooLarge), errors.As(err, &maxBytes):
		s.tooLarge(w, r)
	case r.Context().Err() != nil: // the client went away
	default:
		s.problem(w, r, errBadRequest, "读取请求体失败："+err.Error())
	}
	return nil, false
}

// tooLarge answers 413.
func (s *server) tooLarge(w http.ResponseWriter, r *http.Request) {
	s.problem(w, r, errTooLarge, "请求体超过 "+sizeText(s.cfg.MaxBody)+" 的上限，请分批提交")
}

// sizeText writes a size for people: "4 MiB", "512 KiB" or "1000 字节".
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " 字节"
}

// checkGrants refuses (403) a form naming a seal the server holds but the
// caller was not granted, before anything is rendered. A seal the server
// does not hold is left to docgen, which reports it as invalid data (422).
func (s *server) checkGrants(w http.ResponseWriter, r *http.Request, p *principal, f forms.Form) bool {
	var refused []string
	for _, id := range f.SealIDs() {
		if s.store.Has(id) && !p.mayStamp(id) {
			refused = append(refused, "“"+id+"”")
		}
	}
	if len(refused) == 0 {
		return true
	}
	s.forbid(w, r, "客户端“"+p.name+"”无权使用印章"+strings.Join(refused, "、")+"，未生成任何文件；请向管理员申请授权")
	return false
}

// work runs fn in a render slot, under the render timeout, and answers
// its failure: 503 when no slot frees in time or the render times out,
// 422 or 400 for invalid data or options, nothing when the client went
// away. It returns what fn wrote and how long fn took.
func (s *server) work(w http.ResponseWriter, r *http.Request, fn func(context.Context, *bytes.Buffer) error) ([]byte, time.Duration, bool) {
	waited, err := s.limit.acquire(r.Context())
	s.metrics.queueWait.Observe(waited.Seconds())
	if err != nil {
		if errors.Is(err, errQueueFull) {
			s.metrics.rejected.Inc()
			w.Header().Set("Retry-After", strconv.Itoa(s.limit.retryAfter()))
			s.problem(w, r, errBusy, fmt.Sprintf("同时生成的文件已达上限（%d 份），等待 %s 仍无空位，请稍后重试",
				cap(s.limit.slots), s.limit.wait))
		}
		return nil, 0, false
	}
	defer s.limit.release()
	s.metrics.inFlight.Inc()
	defer s.metrics.inFlight.Dec()
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RenderTimeout)
	defer cancel()
	if h := s.cfg.hooks; h != nil && h.beforeRender != nil {
		h.beforeRender(ctx)
	}
	var buf bytes.Buffer
	start := time.Now()
	err = fn(ctx, &buf)
	d := time.Since(start)
	if h := s.cfg.hooks; h != nil && h.afterRender != nil {
		h.afterRender(err)
	}
	if err != nil {
		s.workError(w, r, err)
		return nil, d, false
	}
	return buf.Bytes(), d, true
}

// workError answers the error of a render or check.
func (s *server) workError(w http.ResponseWriter, r *http.Request, err error) {
	var oe *docgen.OptionError
	switch list, isList := asFieldErrors(err); {
	case isList:
		s.invalidData(w, r, list)
	case errors.As(err, &oe):
		s.problem(w, r, errBadRequest, oe.Error())
	case r.Context().Err() != nil:
		s.log.InfoContext(r.Context(), "客户端已断开，生成已取消", "request_id", infoOf(r).id)
	case errors.Is(err, context.DeadlineExceeded):
		w.Header().Set("Retry-After", strconv.Itoa(s.limit.retryAfter()))
		s.problem(w, r, errTimeout, "生成超过 "+s.cfg.RenderTimeout.String()+" 仍未完成，已停止；请稍后重试或分批提交")
	default:
		s.internal(w, r, err)
	}
}

// notModified sets the ETag of a document with SHA-256 sum and answers
// 304 when If-None-Match names it. Documents are deterministic, so the
// ETag is strong.
func (s *server) notModified(w http.ResponseWriter, r *http.Request, sum [sha256.Size]byte) bool {
	etag := `"` + hex.EncodeToString(sum[:]) + `"`
	w.Header().Set("ETag", etag)
	inm := r.Header.Get("If-None-Match")
	if inm == "" {
		return false
	}
	for _, tag := range strings.Split(inm, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == "*" || tag == etag {
			w.WriteHeader(http.StatusNotModified)
			return true
		}
	}
	return false
}

// writeDocument answers 200 with a document: its type, length and
// Content-Disposition naming it name (RFC 6266; fallback is the ASCII
// name without extension).
func (s *server) writeDocument(w http.ResponseWriter, r *http.Request, doc []byte, format docgen.Format, name, fallback, cache string) {
	h := w.Header()
	h.Set("Content-Type", format.ContentType())
	h.Set("Content-Length", strconv.Itoa(len(doc)))
	h.Set("Content-Disposition", contentDisposition(name, fallback+"."+string(format)))
	h.Set("Cache-Control", cache)
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		io.Copy(w, bytes.NewReader(doc))
	}
}

// contentDisposition is "attachment" with an ASCII filename= and the real
// name as RFC 5987 filename*=UTF-8”….
func contentDisposition(name, fallback string) string {
	var ascii strings.Builder
	for _, c := range []byte(fallback) {
		if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' {
			ascii.WriteByte(c)
		} else {
			ascii.WriteByte('_')
		}
	}
	return `attachment; filename="` + ascii.String() + `"; filename*=UTF-8''` + pctEncode(name)
}

// pctEncode encodes s as an RFC 5987 value-chars: attr-chars as they
// are, every other byte as %XX.
func pctEncode(s string) string {
	const attrChars = "!#$&+-.^_`|~"
	var b strings.Builder
	for _, c := range []byte(s) {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(attrChars, c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// recordStamp writes the audit record of a stamped document of size bytes
// (orders 督办单 for a batch, 0 for one form), and its log line; a document
// whose record cannot be written is not delivered.
func (s *server) recordStamp(r *http.Request, p *principal, id forms.ID, format docgen.Format, seals []string,
	size int, sum [sha256.Size]byte, orders int) error {
	rec := AuditRecord{
		Time:      auditTime(time.Now()),
		RequestID: infoOf(r).id,
		Client:    p.name,
		Remote:    r.RemoteAddr,
		Seals:     seals,
		Form:      string(id),
		Format:    string(format),
		SHA256:    hex.EncodeToString(sum[:]),
		Bytes:     size,
		Orders:    orders,
	}
	attrs := []slog.Attr{slog.String("request_id", rec.RequestID), slog.String("client", rec.Client),
		slog.Any("seals", rec.Seals), slog.String("form", rec.Form), slog.String("format", rec.Format),
		slog.String("sha256", rec.SHA256), slog.Int("bytes", rec.Bytes)}
	if orders > 0 {
		attrs = append(attrs, slog.Int("orders", orders))
	}
	s.log.LogAttrs(r.Context(), slog.LevelInfo, "盖章文件", attrs...)
	if err := s.audit.write(rec); err != nil {
		return err
	}
	s.metrics.stamped.WithLabelValues(string(id)).Inc()
	return nil
}
