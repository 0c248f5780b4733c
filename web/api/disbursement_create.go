package api

import (
	"net/http"

	"firstset"
)

// apiDisbursementCreate records a payment against an approved allocation.
func (s *Handler) apiDisbursementCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.DisbursementInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	d, err := s.Incentives.Disburse(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, d)
}
