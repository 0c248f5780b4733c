package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleLaunchSchedule moves a planned event after the confirmation: the
// plaques and honour certificates already issued are signed again.
func (s *Handler) handleLaunchSchedule(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckPlanLaunch(httpx.ActorOf(r))) {
		return
	}
	e, ok := httpx.LoadByID(s.Base, w, r, nil, s.Launch.FindLaunchEventByID)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	forms.Confirmed(r.PostForm, &problems)
	err := problems.Err()
	if err == nil {
		_, err = s.Launch.RescheduleLaunchEvent(r.Context(), e.ID, firstset.LaunchScheduleInput{
			HeldOn: r.PostForm.Get("held_on"), Place: r.PostForm.Get("place")})
	}
	if err != nil {
		if forms.IsFormError(err) && firstset.ErrorCode(err) != firstset.ECONFLICT {
			s.renderLaunch(w, r, http.StatusUnprocessableEntity, e, caseForm{Name: "schedule", Values: r.PostForm,
				Errors: forms.NewErrors(err, "held_on", "place", forms.ConfirmField)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/launch-events/"+httpx.Itoa(e.ID), "发布会已改期，牌匾和荣誉证书已按新的日期、地点重新签发。")
}
