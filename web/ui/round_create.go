package ui

import (
	"net/http"
	"strings"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleRoundCreate opens a round with the standard checklist.
func (s *Handler) handleRoundCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageRecognition(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.RoundInputFrom(r.PostForm, &problems)
	form := roundForm{Input: in, Year: strings.TrimSpace(r.PostForm.Get("year"))}
	err := problems.Err()
	var rd *firstset.Round
	if err == nil {
		rd, err = s.Recognition.CreateRound(r.Context(), in)
	}
	if forms.IsFormError(err) {
		form.Errors = forms.NewErrors(err, forms.RoundFields...)
		s.renderRoundForm(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/rounds/"+httpx.Itoa(rd.ID), "申报批次已创建。")
}
