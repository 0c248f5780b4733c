package ui

import (
	"net/http"

	"firstset/web/httpx"
)

// handleConsultationShow shows a meeting and its decisions.
func (s *Handler) handleConsultationShow(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	c, ok := httpx.LoadByID(s.Base, w, r, nil, s.Consultations.FindConsultationByID)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "consultation_show", "会商 "+c.Number, c)
}
