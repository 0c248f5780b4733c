package api

import (
	"net/http"

	"firstset"
)

// apiBuyerCreate registers a purchasing unit (administrators).
func (s *Handler) apiBuyerCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.BuyerInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	b, err := s.Buyers.CreateBuyer(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, b)
}
