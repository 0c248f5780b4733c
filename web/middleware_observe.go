package web

import (
	"bufio"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"firstset/web/httpx"
)

// statusRecorder remembers what a handler wrote, for logs and metrics.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusRecorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusRecorder) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if h, ok := w.ResponseWriter.(http.Hijacker); ok {
		return h.Hijack()
	}
	return nil, nil, errors.New("hijacking not supported")
}

func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// wroteHeader reports whether the response has started, after which an
// error page can no longer replace it.
func (w *statusRecorder) wroteHeader() bool { return w.status != 0 }

// observe writes one structured access log line and the metrics for every
// request. It logs no header values, cookies, query strings or bodies:
// they can carry passwords and tokens.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		elapsed := time.Since(start)
		info := httpx.InfoFrom(r.Context())
		pattern := info.Pattern
		if pattern == "" {
			pattern = "unmatched"
		}
		s.metrics.observe(pattern, rec.status, elapsed)

		attrs := []slog.Attr{
			slog.String("request_id", info.ID),
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.String("route", pattern),
			slog.Int("status", rec.status),
			slog.Int64("bytes", rec.bytes),
			slog.Float64("duration_ms", float64(elapsed.Microseconds())/1000),
			slog.String("remote_ip", s.base.ClientIP(r)),
		}
		if a := info.Actor; a != nil && !a.IsPublic() {
			attrs = append(attrs, slog.Int64("user_id", a.ID()))
			if a.Token != nil {
				attrs = append(attrs, slog.String("token_prefix", a.Token.Prefix))
			}
		}
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		s.logger.LogAttrs(r.Context(), level, "http request", attrs...)
	})
}
