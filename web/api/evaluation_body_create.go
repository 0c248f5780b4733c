package api

import (
	"net/http"

	"firstset"
)

// apiEvaluationBodyCreate registers an evaluation or testing body.
func (s *Handler) apiEvaluationBodyCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.EvaluationBodyInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	b, err := s.Inspections.CreateEvaluationBody(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, b)
}
