package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleBulletinCreate composes a draft bulletin of a period.
func (s *Handler) handleBulletinCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckComposeBulletin(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	b, err := s.Bulletins.ComposeBulletin(r.Context(), forms.BulletinInputFrom(r.PostForm))
	if err != nil {
		if forms.IsFormError(err) {
			s.renderBulletins(w, r, http.StatusUnprocessableEntity, caseForm{Name: "compose", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.BulletinFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/bulletins/"+httpx.Itoa(b.ID), "通报已编制，请审核后印发。")
}
