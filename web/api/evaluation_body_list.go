package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiEvaluationBodyList lists the evaluation and testing bodies.
func (s *Handler) apiEvaluationBodyList(w http.ResponseWriter, r *http.Request) {
	list, err := s.Inspections.EvaluationBodies(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.EvaluationBody]{Items: list, Total: len(list)})
}
