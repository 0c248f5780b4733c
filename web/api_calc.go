package web

import (
	"net/http"

	"firstset"
	"firstset/policy"
)

// apiCalc serves POST /api/v1/calc/{kind}: the body is the command line's
// input case and the answer its output, byte for byte apart from the
// indentation, because both go through policy.Calculate and
// policy.MarshalResult. It is public: the rules are public, and the
// computation touches no stored data.
func (s *Server) apiCalc(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := s.readJSONBody(r)
		if err != nil {
			s.serveError(w, r, err)
			return
		}
		result, err := s.engine.Calculate(kind, body)
		if err != nil {
			if all := policy.AllErrors(err); len(all) > 0 {
				s.writeCalcError(w, r, all)
				return
			}
			s.serveError(w, r, err)
			return
		}
		out, err := policy.MarshalResult(result, "")
		if err != nil {
			s.serveError(w, r, err)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(out)
	}
}

// writeCalcError answers a bad case with the first problem's own code and
// JSON path, so that a program can point at the field as the CLI does, and
// every problem of the case in details. Only a body that is not JSON at
// all is a 400; a JSON case the rules refuse is a 422.
func (s *Server) writeCalcError(w http.ResponseWriter, r *http.Request, all []*policy.Error) {
	first := all[0]
	status := http.StatusUnprocessableEntity
	if first.Code == policy.CodeMalformedJSON {
		status = http.StatusBadRequest
	}
	body := apiErrorBody{Code: first.Code, Message: first.Chinese, Field: first.Field}
	if first.Field != "" {
		for _, e := range all {
			body.Details = append(body.Details, firstset.FieldError{Field: e.Field, Code: e.Code, Message: e.Chinese})
		}
	}
	s.writeJSON(w, r, status, apiError{Error: body})
}
