package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiFinancingRequestOfferCreate records the offer of the caller's
// institution on a request shared with it, or changes it until the
// enterprise decides.
func (s *Handler) apiFinancingRequestOfferCreate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.FinancingOfferInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	fr, err := s.Financing.OfferFinancing(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, fr)
}
