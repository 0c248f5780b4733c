package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleEnterpriseEdit shows the enterprise form filled in.
func (s *Handler) handleEnterpriseEdit(w http.ResponseWriter, r *http.Request) {
	e, ok := httpx.LoadByID(s.Base, w, r, s.requireLogin, s.Enterprises.FindEnterpriseByID)
	if !ok || !s.Allowed(w, r, firstset.CheckEditEnterprise(httpx.ActorOf(r), e)) {
		return
	}
	s.render(w, r, http.StatusOK, "enterprise_form", "编辑企业信息", enterpriseForm{ID: e.ID, Input: forms.EnterpriseInputOf(e),
		IdentityFixed: firstset.EnterpriseIdentityFixed(httpx.ActorOf(r))})
}
