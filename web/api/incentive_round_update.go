package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiIncentiveRoundUpdate edits a round whose allocation has not run.
func (s *Handler) apiIncentiveRoundUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	in, err := s.decodeRoundInput(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	round, err := s.Incentives.UpdateIncentiveRound(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, round)
}
