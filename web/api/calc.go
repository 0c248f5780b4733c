package api

import (
	"net/http"

	"firstset/policy"
	"firstset/web/httpx"
)

// apiCalc serves POST /api/v1/calc/{kind}: the body is the command line's
// input case and the answer its output, byte for byte apart from the
// indentation, because both go through policy.Calculate and
// policy.MarshalResult. It is public: the rules are public, and the
// computation touches no stored data.
func (s *Handler) apiCalc(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := s.ReadJSONBody(r)
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
		result, err := s.engine().Calculate(kind, body)
		if err != nil {
			s.ServeError(w, r, httpx.EngineError(err))
			return
		}
		out, err := policy.MarshalResult(result, "")
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(out)
	}
}
