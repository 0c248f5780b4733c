package ui

import (
	"fmt"
	"net/http"

	"firstset/web/ui/forms"
)

// handleEnterpriseCreate registers an enterprise; the service decides who may.
func (s *Handler) handleEnterpriseCreate(w http.ResponseWriter, r *http.Request) {
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	form := enterpriseForm{Input: forms.EnterpriseInputFrom(r.PostForm)}
	e, err := s.Enterprises.CreateEnterprise(r.Context(), form.Input)
	if forms.IsFormError(err) {
		form.Errors = forms.NewErrors(err, forms.EnterpriseFields...)
		s.render(w, r, http.StatusUnprocessableEntity, "enterprise_form", "新增企业", form)
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, fmt.Sprintf("/enterprises/%d", e.ID), "企业已登记。")
}
