package ui

import (
	"net/http"

	"firstset"
	"firstset/cases"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleComplaintAction takes the supervisor's or the maker's action on a
// complaint. Every action but accepting ends the complaint, so those ask
// for the confirmation first.
func (s *Handler) handleComplaintAction(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	c, ok := httpx.LoadByID(s.Base, w, r, nil, s.Complaints.FindComplaintByID)
	if !ok {
		return
	}
	a := httpx.ActorOf(r)
	if !firstset.CanHandleComplaint(a) && !firstset.CanWithdrawComplaint(a, c) {
		s.Allowed(w, r, firstset.Errorf(firstset.EFORBIDDEN, "招标投诉由市发展改革委办理。"))
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	in, probs := forms.ComplaintActionFrom(r.PostForm)
	if in.Action != string(cases.Accept) {
		forms.Confirmed(r.PostForm, probs)
	}
	err := probs.Err()
	var done *firstset.Complaint
	if err == nil {
		done, err = s.Complaints.ActOnComplaint(r.Context(), c.ID, in)
	}
	if err != nil {
		code := firstset.ErrorCode(err)
		if forms.IsFormError(err) || code == firstset.EWRONGSTAGE {
			s.renderComplaint(w, r, http.StatusUnprocessableEntity, c, caseForm{Name: "act", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.ComplaintFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	msg := "已办理：" + done.StatusLabel + "。"
	if done.Status == firstset.ComplaintAccepted && !done.DueOn.IsZero() {
		msg = "已受理，请于 " + done.DueOn.Chinese() + " 前作出处理决定。"
	}
	s.redirectWithFlash(w, r, "/complaints/"+httpx.Itoa(c.ID), msg)
}
