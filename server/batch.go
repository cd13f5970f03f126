package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/zsdoc/zsdoc/batch"
	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
)

// batchSlack is added to a batch's deadlines for the queue and the last
// bytes of the answer.
const batchSlack = time.Minute

// handleBatch answers POST /v1/supervision/batch: many 督办单, checked whole
// before the first byte, then streamed as they are printed (see the
// package doc, Batches).
func (s *server) handleBatch(w http.ResponseWriter, r *http.Request) {
	infoOf(r).form = string(forms.SupervisionID)
	p := s.authenticate(w, r)
	if p == nil {
		return
	}
	if !p.mayRender(forms.SupervisionID) {
		s.forbid(w, r, "客户端“"+p.name+"”无权使用表单 附件6（市级重点招商项目督办单），未生成任何文件")
		return
	}
	req, ok := s.parseBatchRequest(w, r)
	if !ok {
		return
	}
	// http.Server's timeouts are sized for one form: the upload, then the
	// check and the printing, get deadlines of their own.
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Now().Add(s.cfg.BatchTimeout))
	body, ok := s.spoolBatch(w, r, req.declared)
	if !ok {
		return
	}
	defer body.Close()
	deadline := time.Now().Add(2*s.cfg.QueueWait + s.cfg.BatchTimeout + batchSlack)
	rc.SetReadDeadline(deadline) // a read error would cancel the request's context
	rc.SetWriteDeadline(deadline)
	release, ok := s.batchSlot(w, r)
	if !ok {
		return
	}
	defer release()
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.BatchTimeout)
	defer cancel()
	if h := s.cfg.hooks; h != nil && h.beforeRender != nil {
		h.beforeRender(ctx)
	}
	start := time.Now()
	rep, err := batch.Check(ctx, body.reader(), req.opts)
	if err != nil {
		s.afterRender(err)
		s.batchError(w, r, err)
		return
	}
	if !s.batchValid(w, r, req, rep) || !s.batchGrants(w, r, p, rep) {
		s.afterRender(nil)
		return
	}
	out := s.newBatchOutput(ctx, w, req, rep)
	man, err := batch.Print(ctx, out, body.reader(), req.opts, rep, true)
	s.afterRender(err)
	if err != nil {
		if !out.opened() {
			s.batchError(w, r, err)
			return
		}
		s.abortBatch(r, err)
	}
	d := time.Since(start)
	pages := 0
	if req.opts.Format == docgen.PDF && len(man.Orders) > 0 {
		pages = man.Orders[len(man.Orders)-1].LastPage
	}
	s.metrics.batchRendered(req.opts.Format, man.Printed(), pages, d)
	sum := out.sum()
	if len(rep.Seals) > 0 {
		if err := s.recordStamp(r, p, forms.SupervisionID, req.opts.Format, rep.Seals, int(out.n), sum, man.Printed()); err != nil {
			s.abortBatch(r, err)
		}
	}
	if err := out.finish(man); err != nil {
		s.abortBatch(r, err)
	}
	s.log.LogAttrs(r.Context(), slog.LevelInfo, "批量督办单",
		slog.String("request_id", infoOf(r).id), slog.Int("orders", man.Printed()), slog.Int("skipped", len(rep.Invalid)),
		slog.String("format", string(req.opts.Format)), slog.Int64("bytes", out.n), slog.Int("pages", pages),
		slog.Float64("duration_ms", float64(d.Microseconds())/1000))
}

// afterRender runs the test hook with the error a batch ended with.
func (s *server) afterRender(err error) {
	if h := s.cfg.hooks; h != nil && h.afterRender != nil {
		h.afterRender(err)
	}
}

// batchValid answers 422 with every problem when an order is invalid and
// skip_invalid was not asked, or when every order is.
func (s *server) batchValid(w http.ResponseWriter, r *http.Request, req batchRequest, rep *batch.Report) bool {
	bad := len(rep.Invalid)
	if bad == 0 || req.opts.SkipInvalid && bad < rep.Orders {
		return true
	}
	list, _ := asFieldErrors(rep.Err())
	detail := fmt.Sprintf("共 %d 份督办单，其中 %d 份不合规，未生成文件；errors 列出了问题（加 skip_invalid=1 可只生成合规的）", rep.Orders, bad)
	if bad == rep.Orders {
		detail = fmt.Sprintf("共 %d 份督办单，全部不合规，未生成文件；errors 列出了问题", rep.Orders)
	}
	s.problemErrors(w, r, errInvalid, detail, list)
	return false
}

// batchGrants refuses (403) the whole batch when one order to print names
// a seal the server holds but the caller was not granted. Unknown seals
// are problems of the report already.
func (s *server) batchGrants(w http.ResponseWriter, r *http.Request, p *principal, rep *batch.Report) bool {
	var refused []string
	for _, id := range rep.Seals {
		if s.store.Has(id) && !p.mayStamp(id) {
			refused = append(refused, "“"+id+"”")
		}
	}
	if len(refused) == 0 {
		return true
	}
	s.forbid(w, r, "客户端“"+p.name+"”无权使用印章"+strings.Join(refused, "、")+"，整批督办单均未生成；请向管理员申请授权，或改用获授权的印章")
	return false
}

// batchSlot takes a batch slot and a render slot, waiting at most the
// queue wait for each, and answers 503 when one does not free in time. It
// returns what gives them back.
func (s *server) batchSlot(w http.ResponseWriter, r *http.Request) (func(), bool) {
	waited, err := s.batches.acquire(r.Context())
	if err == nil {
		var more time.Duration
		more, err = s.limit.acquire(r.Context())
		waited += more
		if err != nil {
			s.batches.release()
		}
	}
	s.metrics.queueWait.Observe(waited.Seconds())
	if err != nil {
		if errors.Is(err, errQueueFull) {
			s.metrics.rejected.Inc()
			w.Header().Set("Retry-After", strconv.Itoa(s.limit.retryAfter()))
			s.problem(w, r, errBusy, fmt.Sprintf("同时生成的文件（最多 %d 份，其中批量最多 %d 批）已达上限，等待 %s 仍无空位，请稍后重试",
				cap(s.limit.slots), cap(s.batches.slots), s.limit.wait))
		}
		return nil, false
	}
	s.metrics.inFlight.Inc()
	return func() {
		s.metrics.inFlight.Dec()
		s.limit.release()
		s.batches.release()
	}, true
}

// batchError answers the error of a batch's check, or of its printing
// before the first byte: 400 for a body that cannot be read as a batch
// (malformed JSON, no spreadsheet header), 422 for other problems (no
// orders, too many), 503 after BatchTimeout, nothing when the client went
// away, 500 otherwise.
func (s *server) batchError(w http.ResponseWriter, r *http.Request, err error) {
	list, isList := asFieldErrors(err)
	var oe *docgen.OptionError
	switch {
	case isList:
		for _, e := range list {
			switch e.Rule {
			case "json":
				s.problemErrors(w, r, errBadJSON, e.Message, list)
				return
			case "table":
				s.problemErrors(w, r, errBadTable, e.Message, list)
				return
			}
		}
		s.invalidData(w, r, list)
	case errors.As(err, &oe):
		s.problem(w, r, errBadRequest, oe.Error())
	case r.Context().Err() != nil:
		s.log.InfoContext(r.Context(), "客户端已断开，批量生成已取消", "request_id", infoOf(r).id)
	case errors.Is(err, context.DeadlineExceeded):
		w.Header().Set("Retry-After", strconv.Itoa(s.limit.retryAfter()))
		s.problem(w, r, errTimeout, "批量生成超过 "+s.cfg.BatchTimeout.String()+" 仍未完成，已停止；请分批提交")
	default:
		s.internal(w, r, err)
	}
}

// abortBatch breaks off an answer whose first byte is sent, so that the
// client sees a broken download rather than a complete-looking file, and
// logs why. It does not return.
func (s *server) abortBatch(r *http.Request, err error) {
	in := infoOf(r)
	_, isList := asFieldErrors(err)
	switch {
	case r.Context().Err() != nil:
		s.log.InfoContext(r.Context(), "客户端已断开，批量生成已取消", "request_id", in.id)
	case errors.Is(err, context.DeadlineExceeded):
		in.abort = http.StatusServiceUnavailable
		s.log.ErrorContext(r.Context(), "批量生成超时，已中断响应", "request_id", in.id, "timeout", s.cfg.BatchTimeout.String())
	case isList: // a problem the check does not find (a character no font has)
		in.abort = http.StatusUnprocessableEntity
		s.log.ErrorContext(r.Context(), "批量生成中途发现不合规的督办单，已中断响应", "request_id", in.id, "error", err.Error())
	default:
		in.abort = http.StatusInternalServerError
		s.log.ErrorContext(r.Context(), "批量生成中途失败，已中断响应", "request_id", in.id, "error", err.Error())
	}
	panic(http.ErrAbortHandler)
}
