package web

import (
	"net/http"

	"firstset"
)

// limitBody refuses bodies over the limit: at once when Content-Length
// says so, otherwise when a handler reads past it (see tooLarge).
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := s.bodyLimit(r)
		if r.ContentLength > limit {
			s.serveError(w, r, errTooLargeFor(limit))
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) errTooLarge() *firstset.Error { return errTooLargeFor(s.opts.MaxBodyBytes) }

func errTooLargeFor(limit int64) *firstset.Error {
	return firstset.Errorf(firstset.ETOOLARGE, "请求内容过大：不得超过 %s。", formatBytes(limit))
}
