package ui

import "net/http"

// handleCaseShow shows a case to whoever may see it (办件进度); to anyone
// else it does not exist.
func (s *Handler) handleCaseShow(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadCase(w, r)
	if !ok {
		return
	}
	s.renderCase(w, r, http.StatusOK, v, caseForm{})
}
