package web

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"

	"firstset/web/httpx"
)

const requestIDHeader = "X-Request-Id"

// withRequestID gives every request an id, taken from X-Request-Id when
// the caller (or a proxy) sent a sane one, so a request can be followed
// across logs.
func (s *Server) withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(requestIDHeader)
		if !validRequestID(id) {
			id = newRequestID()
		}
		w.Header().Set(requestIDHeader, id)
		ctx := httpx.WithInfo(r.Context(), &httpx.RequestInfo{ID: id})
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// validRequestID accepts short ids of safe characters only: the id is
// echoed into headers and logs.
func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return true
}

func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}
