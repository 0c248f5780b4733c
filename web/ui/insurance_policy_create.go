package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleInsurancePolicyCreate is an insurer sending a policy from the page.
func (s *Handler) handleInsurancePolicyCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckSubmitPolicies(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.PolicyInputFrom(r.PostForm, &problems)
	err := problems.Err()
	created := false
	if err == nil {
		_, created, err = s.Insurance.SubmitPolicy(r.Context(), in)
	}
	if s.policyFormError(w, r, "policy", "", r.PostForm, err, forms.PolicyFields...) {
		return
	}
	msg := "保单 " + in.PolicyNumber + " 与已报送的数据相同，未重复保存。"
	if created {
		msg = "保单 " + in.PolicyNumber + " 已报送，在受理中的保费补贴批次已自动测算。"
	}
	s.redirectWithFlash(w, r, "/insurance/policies", msg)
}
