package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleInsuranceClaimCreate is an insurer reporting a claim on one of its
// policies from the page.
func (s *Handler) handleInsuranceClaimCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckSubmitPolicies(httpx.ActorOf(r))) {
		return
	}
	number := r.PathValue("number")
	if _, err := s.Insurance.Policy(r.Context(), number); err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.ClaimInputFrom(r.PostForm, &problems)
	err := problems.Err()
	created := false
	if err == nil {
		_, created, err = s.Insurance.ReportClaim(r.Context(), number, in)
	}
	if s.policyFormError(w, r, "claim", number, r.PostForm, err, forms.ClaimFields...) {
		return
	}
	msg := "该理赔已报送过，未重复保存。"
	if created {
		msg = "保单 " + number + " 的理赔已报送。"
	}
	s.redirectWithFlash(w, r, "/insurance/policies", msg)
}
