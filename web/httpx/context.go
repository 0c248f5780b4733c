package httpx

import (
	"context"
	"net/http"
	"strings"

	"firstset"
)

// RequestInfo travels in the context of every request. Middleware outside
// the mux reads what handlers inside it record (the route pattern, the
// session), because each layer may hold a different *http.Request copy.
type RequestInfo struct {
	ID      string
	Pattern string
	Actor   *firstset.Actor
	Session *firstset.Session // set when logged in through the session cookie
}

type requestInfoKey struct{}

// WithInfo returns ctx carrying ri, for the request id middleware.
func WithInfo(ctx context.Context, ri *RequestInfo) context.Context {
	return context.WithValue(ctx, requestInfoKey{}, ri)
}

// InfoFrom is the request's RequestInfo; an empty one outside a request.
func InfoFrom(ctx context.Context) *RequestInfo {
	if ri, ok := ctx.Value(requestInfoKey{}).(*RequestInfo); ok {
		return ri
	}
	return &RequestInfo{}
}

// IsAPI reports whether r is for the JSON API, which answers errors in JSON.
func IsAPI(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/")
}

// ActorOf returns the request's actor; the public has a non-nil actor with
// no user, so callers need not check for nil.
func ActorOf(r *http.Request) *firstset.Actor {
	if a := firstset.ActorFromContext(r.Context()); a != nil {
		return a
	}
	return &firstset.Actor{}
}
