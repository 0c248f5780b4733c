package ui

import (
	"net/http"
	"strings"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleExpertUpdate saves an expert's profile in the pool.
func (s *Handler) handleExpertUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageRecognition(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.ExpertInputFrom(r.PostForm, id, &problems)
	form := expertForm{UserID: id, Input: in, Conflicts: strings.TrimSpace(r.PostForm.Get("conflict_enterprises"))}
	err = problems.Err()
	var e *firstset.Expert
	if err == nil {
		e, err = s.Recognition.SaveExpert(r.Context(), in)
	}
	if forms.IsFormError(err) {
		form.Errors = forms.NewErrors(err, forms.ExpertFields...)
		s.renderExpertForm(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/experts", "已保存专家 "+e.Name+" 的信息。")
}
