package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleLaunchCreate plans the year's event, after the confirmation:
// planning signs a plaque for each enterprise presented.
func (s *Handler) handleLaunchCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckPlanLaunch(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.LaunchEventInputFrom(r.PostForm, &problems)
	forms.Confirmed(r.PostForm, &problems)
	err := problems.Err()
	var e *firstset.LaunchEvent
	if err == nil {
		e, err = s.Launch.CreateLaunchEvent(r.Context(), in)
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.renderLaunchList(w, r, http.StatusUnprocessableEntity, caseForm{Name: "plan", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.LaunchEventFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/launch-events/"+httpx.Itoa(e.ID), "发布会已策划，各发布企业的牌匾已签发；请组织企业填报主要研发人员。")
}
