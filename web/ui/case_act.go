package ui

import (
	"net/http"

	"firstset"
	"firstset/web/ui/forms"
)

// handleCaseAct takes an action on a case (submit, approve, return…) with
// its opinion; an irreversible one needs the confirmation checkbox.
func (s *Handler) handleCaseAct(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadCase(w, r)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.ActionInputFrom(r.PostForm, &problems)
	name := "action-" + in.Action
	if s.caseFormError(w, r, v, name, r.PostForm, problems.Err(), forms.ActionFields...) {
		return
	}
	label := in.Action
	for _, a := range v.Actions {
		if a.Action == in.Action {
			label = a.Label
		}
	}
	_, err := s.Cases.Act(r.Context(), v.ID, in)
	if s.caseFormError(w, r, v, name, r.PostForm, err, forms.ActionFields...) {
		return
	}
	s.redirectWithFlash(w, r, casePath(v.ID), "已办理：“"+label+"”。")
}
