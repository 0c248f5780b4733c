package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleComplaintCreate files a complaint from the list page's form.
func (s *Handler) handleComplaintCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckFileComplaint(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	in, probs := forms.ComplaintInputFrom(r.PostForm)
	err := probs.Err()
	var c *firstset.Complaint
	if err == nil {
		c, err = s.Complaints.FileComplaint(r.Context(), in)
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.renderComplaints(w, r, http.StatusUnprocessableEntity, caseForm{Name: "file", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.ComplaintFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	msg := "投诉已提交，编号 " + c.Number + "。"
	if !c.DueOn.IsZero() {
		msg += "市发展改革委将于 " + c.DueOn.Chinese() + " 前决定是否受理。"
	}
	s.redirectWithFlash(w, r, "/complaints/"+httpx.Itoa(c.ID), msg)
}
