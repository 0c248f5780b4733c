package ui

import (
	"fmt"
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleEnterpriseUpdate saves the enterprise form.
func (s *Handler) handleEnterpriseUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	form := enterpriseForm{ID: id, Input: forms.EnterpriseInputFrom(r.PostForm),
		IdentityFixed: firstset.EnterpriseIdentityFixed(httpx.ActorOf(r))}
	_, err = s.Enterprises.UpdateEnterprise(r.Context(), id, form.Input)
	if forms.IsFormError(err) {
		form.Errors = forms.NewErrors(err, forms.EnterpriseFields...)
		s.render(w, r, http.StatusUnprocessableEntity, "enterprise_form", "编辑企业信息", form)
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, fmt.Sprintf("/enterprises/%d", id), "企业信息已保存。")
}
