package web

import (
	"errors"
	"firstset/tender/extract"
	"io"
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

// readBody reads the whole request body. A body cut off by limitBody is
// too large for the limit its route was given, which the error names: the
// tender routes allow an upload's size, not the ordinary body limit.
func readBody(r *http.Request) ([]byte, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, errTooLargeFor(tooBig.Limit)
		}
		return nil, &firstset.Error{Code: firstset.EBADREQUEST, Message: "读取请求内容失败。", Err: err}
	}
	return body, nil
}

func errTooLargeFor(limit int64) *firstset.Error {
	return firstset.Errorf(firstset.ETOOLARGE, "请求内容过大：不得超过 %s。", extract.SizeText(limit))
}
