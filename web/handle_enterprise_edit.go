package web

import (
	"net/http"

	"firstset/service"
)

// handleEnterpriseEdit shows the enterprise form filled in.
func (s *Server) handleEnterpriseEdit(w http.ResponseWriter, r *http.Request) {
	e, ok := loadByID(s, w, r, s.requireLogin, s.opts.Enterprises.FindEnterpriseByID)
	if !ok || !s.allowed(w, r, service.CheckEditEnterprise(actorOf(r), e)) {
		return
	}
	s.render(w, r, http.StatusOK, "enterprise_form", "编辑企业信息", enterpriseForm{ID: e.ID, Input: enterpriseInputOf(e),
		IdentityFixed: service.EnterpriseIdentityFixed(actorOf(r))})
}
