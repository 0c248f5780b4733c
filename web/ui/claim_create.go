package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleClaimCreate reports a claim from the list page's form.
func (s *Handler) handleClaimCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckReportClaim(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	in, probs := forms.ClaimCaseInputFrom(r.PostForm)
	err := probs.Err()
	var c *firstset.ClaimCase
	if err == nil {
		c, err = s.Claims.ReportClaimCase(r.Context(), in)
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.renderClaims(w, r, http.StatusUnprocessableEntity, caseForm{Name: "report", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.ClaimCaseFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	msg := "已报案，编号 " + c.Number + "。"
	if !c.DueOn.IsZero() {
		msg += c.InstitutionName + "将于 " + c.DueOn.Chinese() + " 前受理。"
	}
	s.redirectWithFlash(w, r, "/claims/"+httpx.Itoa(c.ID), msg)
}
