package api

import (
	"net/http"

	"firstset"
)

// apiExemptionCreate files a state-owned buyer's fault-tolerance exemption
// request about one of its failed purchases.
func (s *Handler) apiExemptionCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.ExemptionInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	e, err := s.Exemptions.RequestExemption(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, e)
}
