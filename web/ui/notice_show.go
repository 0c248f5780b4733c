package ui

import "net/http"

// handleNoticeShow shows a notice to everyone, with the objection form
// while it runs.
func (s *Handler) handleNoticeShow(w http.ResponseWriter, r *http.Request) {
	n, ok := s.loadNotice(w, r)
	if !ok {
		return
	}
	s.renderNotice(w, r, http.StatusOK, n, caseForm{})
}
