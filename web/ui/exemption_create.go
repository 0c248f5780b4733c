package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleExemptionCreate files a state-owned buyer's request from the
// list page's form.
func (s *Handler) handleExemptionCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckRequestExemption(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	in, probs := forms.ExemptionInputFrom(r.PostForm)
	err := probs.Err()
	var e *firstset.Exemption
	if err == nil {
		e, err = s.Exemptions.RequestExemption(r.Context(), in)
	}
	if err != nil {
		if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.ECONFLICT {
			s.renderExemptions(w, r, http.StatusUnprocessableEntity, caseForm{Name: "request", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.ExemptionFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/exemptions/"+httpx.Itoa(e.ID), "容错免责申请已提交，编号 "+e.Number+"，等待主管部门认定。")
}
