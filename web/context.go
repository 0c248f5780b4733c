package web

import (
	"context"
	"net/http"
	"strings"

	"firstset"
)

// requestInfo travels in the context of every request. Middleware outside
// the mux reads what handlers inside it record (the route pattern, the
// session), because each layer may hold a different *http.Request copy.
type requestInfo struct {
	ID      string
	Pattern string
	Actor   *firstset.Actor
	Session *firstset.Session // set when logged in through the session cookie
}

type requestInfoKey struct{}

func infoFrom(ctx context.Context) *requestInfo {
	if ri, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
		return ri
	}
	return &requestInfo{}
}

// withPattern records the route pattern that matched, for logs and metrics.
func (s *Server) withPattern(pattern string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		infoFrom(r.Context()).Pattern = pattern
		h.ServeHTTP(w, r)
	})
}

// isAPI reports whether r is for the JSON API, which answers errors in JSON.
func isAPI(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/")
}

// actorOf returns the request's actor; the public has a non-nil actor with
// no user, so callers need not check for nil.
func actorOf(r *http.Request) *firstset.Actor {
	if a := firstset.ActorFromContext(r.Context()); a != nil {
		return a
	}
	return &firstset.Actor{}
}
