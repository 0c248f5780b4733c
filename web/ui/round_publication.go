package ui

import (
	"net/http"

	"firstset"
)

// handleRoundPublication shows a published batch (目录发布); public once
// published, not found before.
func (s *Handler) handleRoundPublication(w http.ResponseWriter, r *http.Request) {
	pub, ok := s.loadPublication(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "publication", pub.Round.Title+"认定名单", pub)
}

// loadPublication reads the {id} round's published batch, answering the
// refusal and reporting false on failure.
func (s *Handler) loadPublication(w http.ResponseWriter, r *http.Request) (*firstset.Publication, bool) {
	rd, ok := s.loadRound(w, r)
	if !ok {
		return nil, false
	}
	pub, err := s.Recognition.Publication(r.Context(), rd.ID)
	if err != nil {
		s.ServeError(w, r, err)
		return nil, false
	}
	return pub, true
}
