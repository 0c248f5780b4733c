package web

import (
	"net/http"

	"firstset/web/httpx"
)

// limitBody refuses bodies over the limit: at once when Content-Length
// says so, otherwise when a handler reads past it (see tooLarge).
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := s.base.BodyLimit(r)
		if r.ContentLength > limit {
			s.base.ServeError(w, r, httpx.ErrTooLargeFor(limit))
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		next.ServeHTTP(w, r)
	})
}
