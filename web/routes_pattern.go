package web

import (
	"net/http"

	"firstset/web/httpx"
)

// withPattern records the route pattern that matched, for logs and metrics.
func (s *Server) withPattern(pattern string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		httpx.InfoFrom(r.Context()).Pattern = pattern
		h.ServeHTTP(w, r)
	})
}
