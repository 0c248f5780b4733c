package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiIncentiveRoundAllocate runs a round's allocation: a proposal for
// finance.
func (s *Handler) apiIncentiveRoundAllocate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	res, err := s.Incentives.Allocate(r.Context(), id)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, res)
}
