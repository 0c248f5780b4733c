package ui

import "net/http"

// handleIncentiveRoundShow shows a round to whoever is logged in.
func (s *Handler) handleIncentiveRoundShow(w http.ResponseWriter, r *http.Request) {
	rd, ok := s.loadIncentiveRound(w, r)
	if !ok {
		return
	}
	s.renderIncentiveRound(w, r, http.StatusOK, rd, caseForm{})
}
