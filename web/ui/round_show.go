package ui

import "net/http"

// handleRoundShow shows a round: public, with the declare form for an
// enterprise user and the publish form for reviewers.
func (s *Handler) handleRoundShow(w http.ResponseWriter, r *http.Request) {
	rd, ok := s.loadRound(w, r)
	if !ok {
		return
	}
	s.renderRound(w, r, http.StatusOK, rd, caseForm{})
}
