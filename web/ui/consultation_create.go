package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleConsultationCreate records a meeting from the list page's form.
func (s *Handler) handleConsultationCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageDualUse(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	in, probs := forms.ConsultationInputFrom(r.PostForm)
	err := probs.Err()
	var c *firstset.Consultation
	if err == nil {
		c, err = s.Consultations.CreateConsultation(r.Context(), in)
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.renderConsultations(w, r, http.StatusUnprocessableEntity, caseForm{Name: "consultation", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.ConsultationFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/consultations/"+httpx.Itoa(c.ID), "会商记录已登记，编号 "+c.Number+"。")
}
