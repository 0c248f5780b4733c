package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"firstset"
)

// metrics are the server's Prometheus series. Each Server has its own
// registry, so several servers (as in tests) never collide.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics(more ...prometheus.Collector) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "firstset_http_requests_total",
			Help: "HTTP requests served, by route pattern and status code.",
		}, []string{"route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "firstset_http_request_duration_seconds",
			Help:    "Time to serve HTTP requests, by route pattern and status code.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "status"}),
	}
	m.registry.MustRegister(m.requests, m.duration,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.registry.MustRegister(more...)
	return m
}

// observe counts one request. route is the mux pattern, never the raw
// path, so the number of series stays bounded.
func (m *metrics) observe(route string, status int, elapsed time.Duration) {
	code := strconv.Itoa(status)
	m.requests.WithLabelValues(route, code).Inc()
	m.duration.WithLabelValues(route, code).Observe(elapsed.Seconds())
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

const metricsPath = "/metrics"

func isMetrics(r *http.Request) bool { return r.URL.Path == metricsPath }

// handleMetrics serves /metrics on the main address to a token the
// service allows (metrics:read): the series count unpublished products and
// tell how the platform is used, which is not the public's to see.
// Errors are JSON, for the scraper.
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	if err := s.base.Auth.AuthorizeMetrics(r.Context()); err != nil {
		if firstset.ErrorCode(err) == firstset.EUNAUTHORIZED {
			w.Header().Set("WWW-Authenticate", `Bearer realm="firstset", scope="`+string(firstset.ScopeMetricsRead)+`"`)
		}
		s.base.WriteAPIError(w, r, err)
		return
	}
	s.metrics.handler().ServeHTTP(w, r)
}

// MetricsHandler serves the series without asking who is reading, for a
// listener of its own that only a private Prometheus can reach (serve
// --metrics-addr).
func (s *Server) MetricsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET "+metricsPath, s.metrics.handler())
	return mux
}
