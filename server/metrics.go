package server

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
)

// metrics are the Prometheus metrics of one server, in a registry of its
// own (never the global default one), so that many servers can live in one
// process.
type metrics struct {
	reg            *prometheus.Registry
	requests       *prometheus.CounterVec
	duration       *prometheus.HistogramVec
	renders        *prometheus.CounterVec
	renderDuration *prometheus.HistogramVec
	pages          *prometheus.CounterVec
	stamped        *prometheus.CounterVec
	batchOrders    *prometheus.CounterVec
	inFlight       prometheus.Gauge
	queueWait      prometheus.Histogram
	rejected       prometheus.Counter
}

func newMetrics() *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "zsdoc_http_requests_total",
		Help: "HTTP requests by route template, method and status code (499: the client went away).",
	}, []string{"route", "method", "code"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "zsdoc_http_request_duration_seconds",
		Help:    "Latency of HTTP requests by route template, from the request's headers to the answer's end.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
	}, []string{"route"})
	m.renders = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "zsdoc_renders_total",
		Help: "Documents rendered by form, format and kind (filled, blank, or batch: one per batch of 督办单).",
	}, []string{"form", "format", "kind"})
	m.renderDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "zsdoc_render_duration_seconds",
		Help:    "Time spent in docgen per successful render, by form and format.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
	}, []string{"form", "format"})
	m.pages = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "zsdoc_pages_rendered_total",
		Help: "PDF pages rendered by form (read from the page tree of each PDF; DOCX pages are laid out by Word and not counted).",
	}, []string{"form"})
	m.stamped = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "zsdoc_stamped_documents_total",
		Help: "Stamped documents delivered by form (each is in the seal audit).",
	}, []string{"form"})
	m.batchOrders = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "zsdoc_batch_orders_total",
		Help: "督办单 printed by POST /v1/supervision/batch, by format (each batch also counts as one render of kind batch).",
	}, []string{"format"})
	m.inFlight = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "zsdoc_renders_in_flight",
		Help: "Renders and checks running now.",
	})
	m.queueWait = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "zsdoc_render_queue_wait_seconds",
		Help:    "Time requests waited for a render slot (those refused with 503 included).",
		Buckets: []float64{.001, .005, .01, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	})
	m.rejected = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "zsdoc_render_queue_rejections_total",
		Help: "Requests answered 503 because no render slot freed within the queue wait.",
	})
	m.reg.MustRegister(m.requests, m.duration, m.renders, m.renderDuration, m.pages, m.stamped, m.batchOrders,
		m.inFlight, m.queueWait, m.rejected,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// handler serves the registry in the Prometheus text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// methods are the methods counted by name; others count as "other", so a
// client cannot grow the metrics without bound.
var methods = map[string]bool{http.MethodGet: true, http.MethodHead: true, http.MethodPost: true,
	http.MethodPut: true, http.MethodDelete: true, http.MethodPatch: true, http.MethodOptions: true}

func (m *metrics) observeRequest(route, method string, status int, d time.Duration) {
	if !methods[method] {
		method = "other"
	}
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(route).Observe(d.Seconds())
}

// rendered counts a successful render of form in format taking d; for a
// PDF it counts its pages.
func (m *metrics) rendered(id forms.ID, format docgen.Format, kind string, doc []byte, d time.Duration) {
	m.renders.WithLabelValues(string(id), string(format), kind).Inc()
	m.renderDuration.WithLabelValues(string(id), string(format)).Observe(d.Seconds())
	if format == docgen.PDF {
		if n := pdfPages(doc); n > 0 {
			m.pages.WithLabelValues(string(id)).Add(float64(n))
		}
	}
}

// batchRendered counts a batch printed in format taking d: one render of
// form supervision and kind "batch", its orders, and its pages (0 for a
// zip of DOCX).
func (m *metrics) batchRendered(format docgen.Format, orders, pages int, d time.Duration) {
	id := string(forms.SupervisionID)
	m.renders.WithLabelValues(id, string(format), "batch").Inc()
	m.renderDuration.WithLabelValues(id, string(format)).Observe(d.Seconds())
	m.batchOrders.WithLabelValues(string(format)).Add(float64(orders))
	if pages > 0 {
		m.pages.WithLabelValues(id).Add(float64(pages))
	}
}

// pagesTree is how docgen's PDF writer starts its page tree root.
var pagesTree = []byte("<< /Type /Pages /Count ")

// pdfPages reads the page count of a PDF docgen wrote from its page tree
// root (written once, uncompressed, after the pages), or 0 when there is
// none. It costs one backward scan of the output, not a layout.
func pdfPages(doc []byte) int {
	i := bytes.LastIndex(doc, pagesTree)
	if i < 0 {
		return 0
	}
	rest := doc[i+len(pagesTree):]
	n := 0
	for j := 0; j < len(rest) && j < 10 && rest[j] >= '0' && rest[j] <= '9'; j++ {
		n = n*10 + int(rest[j]-'0')
	}
	return n
}
