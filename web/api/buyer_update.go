package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiBuyerUpdate edits a purchasing unit (administrators).
func (s *Handler) apiBuyerUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.BuyerInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	b, err := s.Buyers.UpdateBuyer(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, b)
}
