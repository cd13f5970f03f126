package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/gorilla/mux"
)

// maxRequestID is the longest X-Request-ID a client may set.
const maxRequestID = 128

// statusClientClosed is the status logged for a request whose client went
// away before the answer (nginx's 499); it is never sent.
const statusClientClosed = 499

// info is what the log line of a request says; handlers fill it in.
type info struct {
	id     string
	route  string
	form   string
	format string
	client string
	// abort is the status logged for a response the handler broke off
	// (http.ErrAbortHandler) after its first byte; 0 means the client
	// went away (499).
	abort int
}

type infoKey struct{}

// infoOf returns the log record of r (a fresh one outside the middleware).
func infoOf(r *http.Request) *info {
	if in, ok := r.Context().Value(infoKey{}).(*info); ok {
		return in
	}
	return &info{}
}

// recorder remembers the status and size of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *recorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// requestID returns the client's X-Request-ID when it is sane — 1 to
// maxRequestID printable ASCII characters — or a new random one.
func requestID(r *http.Request) string {
	if id := r.Header.Get("X-Request-ID"); id != "" && len(id) <= maxRequestID {
		ok := true
		for i := 0; i < len(id); i++ {
			if id[i] < 0x21 || id[i] > 0x7e {
				ok = false
				break
			}
		}
		if ok {
			return id
		}
	}
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// middleware gives each request an id, recovers a panic (500, logged with
// the id and stack), and logs and measures the request when it ends.
func (s *server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		in := &info{id: requestID(r), route: "unmatched"}
		r = r.WithContext(context.WithValue(r.Context(), infoKey{}, in))
		rec := &recorder{ResponseWriter: w}
		rec.Header().Set("X-Request-ID", in.id)
		rec.Header().Set("X-Content-Type-Options", "nosniff")
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler { // a deliberate abort: no answer, no alarm
					rec.status = statusClientClosed
					if in.abort != 0 {
						rec.status = in.abort
					}
					s.finish(r, rec, in, time.Since(start))
					panic(v)
				}
				s.log.ErrorContext(r.Context(), "处理请求时发生 panic，已恢复",
					"request_id", in.id, "route", in.route, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if rec.status == 0 {
					s.problem(rec, r, errInternal, "服务器内部错误，请把请求编号（request_id）告诉管理员")
				} else {
					rec.status = http.StatusInternalServerError
				}
			}
			s.finish(r, rec, in, time.Since(start))
		}()
		next.ServeHTTP(rec, r)
	})
}

// finish logs the request's one line and counts it.
func (s *server) finish(r *http.Request, rec *recorder, in *info, d time.Duration) {
	status := rec.status
	if status == 0 {
		if r.Context().Err() != nil {
			status = statusClientClosed
		} else {
			status = http.StatusOK
		}
	}
	s.metrics.observeRequest(in.route, r.Method, status, d)
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	attrs := []slog.Attr{
		slog.String("request_id", in.id),
		slog.String("method", r.Method),
		slog.String("route", in.route),
		slog.String("path", r.URL.Path),
		slog.Int("status", status),
		slog.Int64("bytes", rec.bytes),
		slog.Float64("duration_ms", float64(d.Microseconds())/1000),
		slog.String("remote", r.RemoteAddr),
	}
	if in.form != "" {
		attrs = append(attrs, slog.String("form", in.form))
	}
	if in.format != "" {
		attrs = append(attrs, slog.String("format", in.format))
	}
	if in.client != "" {
		attrs = append(attrs, slog.String("client", in.client))
	}
	s.log.LogAttrs(r.Context(), level, "请求", attrs...)
}

// routeName records the matched route's template for logs and metrics.
func routeName(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rt := mux.CurrentRoute(r); rt != nil {
			if t, err := rt.GetPathTemplate(); err == nil {
				infoOf(r).route = t
			}
		}
		next.ServeHTTP(w, r)
	})
}

// handleNotFound answers a path no route matches.
func (s *server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.problem(w, r, errNotFound, "没有这个地址："+r.URL.Path+"；全部接口见 /v1/openapi.json")
}

// handleMethodNotAllowed answers a known path asked with the wrong method.
func (s *server) handleMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	s.problem(w, r, errMethod, "地址 "+r.URL.Path+" 不支持 "+strconv.Quote(r.Method)+" 请求")
}
