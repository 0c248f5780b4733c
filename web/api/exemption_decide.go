package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiExemptionDecide is the regulator's decision: {"decision", "reason"}.
func (s *Handler) apiExemptionDecide(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.ExemptionDecision
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	e, err := s.Exemptions.DecideExemption(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, e)
}
