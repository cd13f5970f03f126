// Package server is the HTTP service of zsdoc: it fills the forms of package
// forms (附件2–6), renders them with package docgen as stamped PDF or DOCX,
// validates inputs, lists the forms with their JSON Schemas and describes
// itself in OpenAPI 3.1.
//
// New returns an http.Handler without any global state, so a Go program can
// mount it in its own mux (see the example of New); the command `zsdoc serve`
// runs it on an http.Server with timeouts and graceful shutdown.
//
// # Routes
//
//	POST /v1/forms/{form}           the filled, stamped form (?format=pdf|docx or Accept)
//	GET  /v1/forms/{form}/blank     the blank form
//	POST /v1/forms/{form}/validate  200 {"valid":true} or 422 with every problem
//	POST /v1/supervision/batch      many 附件6 督办单: one PDF, or a zip of DOCX (see Batches)
//	GET  /v1/forms                  the forms, their labels and JSON Schemas
//	GET  /v1/openapi.json           OpenAPI 3.1 description of the routes
//	GET  /v1/seals                  the seals the caller may stamp with
//	GET  /v1/seals/{id}.png         a seal's image at print resolution, when granted
//	GET  /healthz, /readyz          liveness and readiness
//	GET  /metrics                   Prometheus metrics
//	GET  /, /ui/{file}              the browser page (see The page)
//
// {form} is a form id ("signing"), its attachment ("附件4") or its number
// ("4"). Errors are RFC 9457 problem details (application/problem+json)
// whose title and detail are Chinese; invalid data carries the list of
// forms.FieldError under "errors".
//
// # The page
//
// GET / serves a page to fill a form in a browser, see its problems beside
// the fields as one types (POST …/validate), preview the stamped PDF and
// download every format: plain HTML, CSS and JavaScript embedded in the
// binary, under a strict Content-Security-Policy (no inline script, no
// other host). The editor is generated from GET /v1/forms; drafts stay in
// the browser's localStorage, a token in its sessionStorage.
//
// # Who may stamp what
//
// With an Access configuration, every request to a /v1 route that renders,
// validates or lists seals must carry "Authorization: Bearer <token>" of a
// configured client; the client may stamp only the seals it was granted,
// and render only the forms it was granted (all when it lists none). Only
// SHA-256 hashes of the tokens are configured (see HashToken). Without
// Access the server is open: no token is needed and only the built-in
// specimen seal can be stamped, unless Config.Open says that every client may
// use every seal of Config.Seals.
//
// # Status codes
//
// 400 malformed JSON or a bad query parameter, 401 no valid token, 403 a form
// or seal not granted, 404 an unknown form, 406 an unsupported format, 413
// a body over Config.MaxBody (Config.MaxBatchBody for a batch), 415 a body
// that is not JSON (for a batch: not JSON, CSV or XLSX), 422 invalid data
// (including an unknown seal id), 503 with Retry-After when the renders are
// all busy for longer than Config.QueueWait or a render exceeds
// Config.RenderTimeout (Config.BatchTimeout for a batch). A client that goes
// away cancels its render. A panic is recovered, logged with the request id
// and answered 500.
//
// # Batches
//
// POST /v1/supervision/batch prints many 督办单 (package batch): its body is
// a JSON array of orders or {"orders": [...]} (application/json), a CSV file
// (text/csv; charset=utf-8 or gb18030/gbk, detected when absent) or a
// workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)
// with the Chinese header row of batch.Columns. Query: format=pdf|docx (docx
// answers a zip of one Word file per order, application/zip), duplex=1,
// seal=ID (the seal of the orders that name none), skip_invalid=1 and
// sheet=NAME.
//
// Every check ends before the first byte of the answer: the body is read
// whole (up to Config.MaxBatchBody; in memory up to a few MiB, above that in
// a temporary file removed afterwards), every order is checked (400 for a
// body that cannot be read as a batch at all, 422 listing every invalid order
// by its place unless skip_invalid=1), and the caller must be granted form
// supervision and every seal the printed orders name (403 for the whole
// batch otherwise). The document is then streamed as it is printed, chunked,
// without Content-Length or ETag; X-Zsdoc-Orders says how many orders it
// holds and, with skip_invalid=1, X-Zsdoc-Skipped how many were left out. The
// manifest (batch.Entry of each order printed, a JSON array) follows in the
// HTTP trailer X-Zsdoc-Manifest, with X-Zsdoc-Sha256 (the document's
// SHA-256) and, when orders were skipped, X-Zsdoc-Skipped-Errors (their
// problems); trailer values are compact JSON with non-ASCII characters
// escaped. Clients read trailers into small buffers (Go's net/http fails
// the whole body when they outgrow its 4 KiB read buffer), so without
// "TE: trailers" in the request the manifest and problems are sent only
// within a 3 KiB budget (about 20 orders), and X-Zsdoc-Omitted names the
// fields left out; a client that sends "TE: trailers" gets them whole (a Go
// client raises http.Transport.ReadBufferSize to read them). Proxies may
// drop trailers altogether. A client that asks "Accept: multipart/mixed"
// gets instead a multipart/mixed answer, without trailers: the document
// (with its Content-Type and Content-Disposition), then the manifest
// (application/json, with an X-Zsdoc-Sha256 part header), then, when orders
// were skipped, their problems (application/json).
//
// A failure after the first byte cannot change the status: the connection
// is reset, so that the client sees a broken download, and the failure is
// logged. The check lays no pages out, so a character no font has is found
// only by the printing: in the first order it is still answered 422, in a
// later one it breaks the download off. A batch holds one render slot, and
// batches take at most half of them (at least one).
package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/seal"
)

// Defaults of Config.
const (
	// DefaultQueueWait is how long a request waits for a free render slot
	// before it is answered 503.
	DefaultQueueWait = 10 * time.Second
	// DefaultRenderTimeout bounds one render or check.
	DefaultRenderTimeout = 60 * time.Second
	// DefaultMaxBatchBody is the largest batch body accepted by default.
	DefaultMaxBatchBody = 64 << 20
	// DefaultBatchTimeout bounds the upload of one batch, and its check
	// and printing: many times what a batch of forms.MaxOrders takes.
	DefaultBatchTimeout = 10 * time.Minute
)

// Config configures a server. The zero Config is an open server that
// stamps only the specimen seal, with the embedded fonts and the defaults
// below.
type Config struct {
	// Seals holds the seals that inputs may name by id ("seal": "jingkai").
	// Nil means seal.NewStore(): the specimen seal only.
	Seals *seal.Store
	// Access says which client (by bearer token) may stamp which seals and
	// render which forms. Nil means no tokens: see Open.
	Access *Access
	// Open, without Access, lets every client stamp with every seal of
	// Seals. Without Access and without Open, only the built-in specimen
	// seal may be stamped, and New refuses a Seals holding any other.
	Open bool

	// Fonts are the fonts of PDF output and of the glyph check; nil means
	// fonts.Default(). Options may override them with docgen.WithFonts.
	Fonts *fonts.Set
	// Options are added to every render and check, after Fonts and before
	// the seals (e.g. docgen.WithCreationDate, docgen.WithFontNames).
	Options []docgen.Option

	// MaxBody is the largest request body accepted, in bytes; 0 means
	// forms.DefaultInputLimit (4 MiB).
	MaxBody int64
	// Concurrency bounds the renders and checks running at once; 0 means
	// runtime.NumCPU()*2.
	Concurrency int
	// QueueWait bounds how long a request waits for a render slot; 0 means
	// DefaultQueueWait.
	QueueWait time.Duration
	// RenderTimeout bounds one render or check; 0 means DefaultRenderTimeout.
	RenderTimeout time.Duration
	// MaxBatchBody is the largest body POST /v1/supervision/batch accepts,
	// in bytes; 0 means DefaultMaxBatchBody (64 MiB). A spreadsheet is read
	// up to tabular.DefaultMaxBytes (64 MiB) whatever this allows.
	MaxBatchBody int64
	// BatchTimeout bounds the upload of a batch, and separately its check
	// and printing; 0 means DefaultBatchTimeout. The handler extends the
	// connection's read and write deadlines (http.Server's ReadTimeout and
	// WriteTimeout, sized for one form) to fit.
	BatchTimeout time.Duration

	// Logger receives one line per request, the seal audit records and
	// recovered panics; nil discards them.
	Logger *slog.Logger
	// Audit, when set, receives one JSON line per stamped document
	// delivered. A document whose record cannot be written is not
	// delivered (500).
	Audit io.Writer
	// AuditSync, when set, is called after each audit record (e.g. the
	// Sync method of a file); when Audit is an *os.File and AuditSync is
	// nil, its Sync is used.
	AuditSync func() error

	// ShuttingDown, when closed, makes /readyz answer 503, so that a load
	// balancer stops sending requests while the server drains.
	ShuttingDown <-chan struct{}

	// hooks are test-only interception points.
	hooks *hooks
}

// hooks lets the tests of this package block, observe or break a render.
type hooks struct {
	// beforeRender runs holding a render slot, before docgen is called.
	beforeRender func(ctx context.Context)
	// afterRender runs with the error docgen returned.
	afterRender func(err error)
	// batchWrite runs before each write of a batch's output after the
	// first, with the batch's context.
	batchWrite func(ctx context.Context)
}

// server is the state behind the handler New returns.
type server struct {
	cfg      Config
	log      *slog.Logger
	store    *seal.Store
	access   *accessIndex // nil without Access
	mode     mode
	opts     []docgen.Option
	limit    *limiter
	batches  *limiter // the slots batches may take, besides one of limit
	metrics  *metrics
	audit    *auditLog
	catalog  []byte           // the body of GET /v1/forms
	openapi  []byte           // the body of GET /v1/openapi.json
	assets   map[string]asset // the browser page's files, by name
	specimen []byte           // PNG of the built-in specimen seal
	builtin  bool             // the store's specimen seal is the built-in one
}

// mode is how the server decides who may stamp what.
type mode int

const (
	modeSpecimen mode = iota // no tokens, the specimen seal only
	modeOpen                 // no tokens, every seal (--open)
	modeTokens               // bearer tokens of Access
)

// String names the mode in the start-up log.
func (m mode) String() string {
	switch m {
	case modeOpen:
		return "open-all-seals"
	case modeTokens:
		return "tokens"
	}
	return "open-specimen-only"
}

// New returns the handler of the service configured by cfg. It loads the
// fonts, checks the access configuration against the seals and generates
// the forms' schemas and the OpenAPI document, so that a server that starts
// can serve; every problem is an error in Chinese.
func New(cfg Config) (http.Handler, error) {
	s, err := newServer(cfg)
	if err != nil {
		return nil, err
	}
	return s.routes(), nil
}

func newServer(cfg Config) (*server, error) {
	if cfg.MaxBody < 0 || cfg.Concurrency < 0 || cfg.QueueWait < 0 || cfg.RenderTimeout < 0 ||
		cfg.MaxBatchBody < 0 || cfg.BatchTimeout < 0 {
		return nil, errors.New("服务配置有误：请求体上限、并发数和各项时限不能为负数")
	}
	if cfg.MaxBody == 0 {
		cfg.MaxBody = forms.DefaultInputLimit
	}
	if cfg.Concurrency == 0 {
		cfg.Concurrency = runtime.NumCPU() * 2
	}
	if cfg.QueueWait == 0 {
		cfg.QueueWait = DefaultQueueWait
	}
	if cfg.RenderTimeout == 0 {
		cfg.RenderTimeout = DefaultRenderTimeout
	}
	if cfg.MaxBatchBody == 0 {
		cfg.MaxBatchBody = DefaultMaxBatchBody
	}
	if cfg.BatchTimeout == 0 {
		cfg.BatchTimeout = DefaultBatchTimeout
	}
	s := &server{cfg: cfg, log: cfg.Logger, store: cfg.Seals, specimen: seal.Specimen().PNG}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.store == nil {
		s.store = seal.NewStore()
	}
	s.builtin = s.builtinSpecimen()
	if err := s.setMode(); err != nil {
		return nil, err
	}
	set := cfg.Fonts
	if set == nil {
		var err error
		if set, err = fonts.Default(); err != nil {
			return nil, fmt.Errorf("无法加载内置字体：%w", err)
		}
	}
	s.opts = append(s.opts, docgen.WithFonts(set))
	s.opts = append(s.opts, cfg.Options...)
	s.opts = append(s.opts, docgen.WithSeals(s.store))
	s.limit = newLimiter(cfg.Concurrency, cfg.QueueWait)
	s.batches = newLimiter(max(1, cfg.Concurrency/2), cfg.QueueWait)
	s.metrics = newMetrics()
	s.audit = newAuditLog(cfg.Audit, cfg.AuditSync)
	var err error
	if s.catalog, err = buildCatalog(); err != nil {
		return nil, err
	}
	if s.openapi, err = buildOpenAPI(s.mode == modeTokens); err != nil {
		return nil, err
	}
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	return s, nil
}

// setMode picks the mode from Access and Open and checks that it fits the
// seals held.
func (s *server) setMode() error {
	switch {
	case s.cfg.Access != nil && s.cfg.Open:
		return errors.New("服务配置有误：已有授权配置（--config）时不能再开放全部印章（--open）")
	case s.cfg.Access != nil:
		idx, err := s.cfg.Access.index(s.store)
		if err != nil {
			return err
		}
		s.access, s.mode = idx, modeTokens
	case s.cfg.Open:
		s.mode = modeOpen
	default:
		s.mode = modeSpecimen
		var others []string
		for _, id := range s.store.IDs() {
			if id != seal.SpecimenID {
				others = append(others, id)
			}
		}
		if !s.builtin {
			others = append(others, seal.SpecimenID)
		}
		if len(others) > 0 {
			return fmt.Errorf("印章目录中有 %d 个真实印章（%s），但没有授权配置：请用 --config 指定哪些客户端可以使用哪些印章，"+
				"或用 --open 声明网络上的任何客户端都可以使用全部印章", len(others), strings.Join(others, "、"))
		}
	}
	return nil
}

// builtinSpecimen reports whether the store's specimen seal is the
// built-in one: a file specimen.png in a seal folder replaces it, and may
// then be a real seal.
func (s *server) builtinSpecimen() bool {
	if !s.store.Has(seal.SpecimenID) {
		return true
	}
	img, err := s.store.Seal(seal.SpecimenID, seal.MaxSide)
	return err == nil && bytes.Equal(img.PNG, s.specimen)
}

// routes builds the router: every route of the package doc, behind the
// middleware that logs, measures and recovers each request.
func (s *server) routes() http.Handler {
	// Full paths, no PathPrefix subrouter: in gorilla/mux v1.8.1 a
	// subrouter's prefix matcher clears the method mismatch of an earlier
	// route, turning a 405 into a 404.
	r := mux.NewRouter()
	r.HandleFunc("/", s.handlePage).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc(AssetPrefix+"{file}", s.handleAsset).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/healthz", s.handleHealth).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/readyz", s.handleReady).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/metrics", s.metrics.handler()).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/v1/forms", s.handleCatalog).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/v1/openapi.json", s.handleOpenAPI).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/v1/seals", s.handleSeals).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/v1/seals/{id}.png", s.handleSealImage).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/v1/forms/{form}", s.handleRender).Methods(http.MethodPost)
	r.HandleFunc("/v1/forms/{form}/blank", s.handleBlank).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/v1/forms/{form}/validate", s.handleValidate).Methods(http.MethodPost)
	r.HandleFunc("/v1/forms/{form}/import", s.handleImport).Methods(http.MethodPost)
	r.HandleFunc("/v1/supervision/batch", s.handleBatch).Methods(http.MethodPost)
	r.NotFoundHandler = http.HandlerFunc(s.handleNotFound)
	r.MethodNotAllowedHandler = http.HandlerFunc(s.handleMethodNotAllowed)
	r.Use(routeName)
	return s.middleware(r)
}

// isTTY reports whether w is a terminal, for choosing a log format.
func isTTY(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// NewLogger returns the logger `zsdoc serve` uses: slog text lines on a
// terminal, JSON lines otherwise.
func NewLogger(w io.Writer, level slog.Level) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if isTTY(w) {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}
