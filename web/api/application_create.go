package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiApplicationCreate opens an application in draft: a buyer's reward
// (contract_date, paid_yuan) or an enterprise's subsidy (policy_years).
func (s *Handler) apiApplicationCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.ApplicationInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	v, err := s.Incentives.Apply(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/applications/"+httpx.Itoa(v.Case.ID))
	s.WriteJSON(w, r, http.StatusCreated, v)
}
