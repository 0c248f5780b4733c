package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleExpertEdit shows the profile form of an expert user: the stored
// profile, or a blank one for an expert not yet in the pool.
func (s *Handler) handleExpertEdit(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageRecognition(httpx.ActorOf(r))) {
		return
	}
	form := expertForm{UserID: id, Input: firstset.ExpertInput{UserID: id, Active: true}}
	e, err := s.Recognition.Expert(r.Context(), id)
	switch {
	case err == nil:
		form.Input, form.Name = forms.ExpertInputOf(e), e.Name+"（"+e.Username+"）"
	case firstset.ErrorCode(err) != firstset.ENOTFOUND:
		s.ServeError(w, r, err)
		return
	}
	s.renderExpertForm(w, r, http.StatusOK, form)
}
