package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiIncentiveRoundSendBack is finance returning a round's proposal to
// the reviewer, with its reason.
func (s *Handler) apiIncentiveRoundSendBack(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.RoundDecision
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	round, err := s.Incentives.SendBackRound(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, round)
}
