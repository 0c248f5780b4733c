package web

import (
	"firstset"
	"net/http"
)

// handleEnterpriseEdit shows the enterprise form filled in.
func (s *Server) handleEnterpriseEdit(w http.ResponseWriter, r *http.Request) {
	e, ok := loadByID(s, w, r, s.requireLogin, s.opts.Enterprises.FindEnterpriseByID)
	if !ok || !s.allowed(w, r, firstset.CheckEditEnterprise(actorOf(r), e)) {
		return
	}
	s.render(w, r, http.StatusOK, "enterprise_form", "编辑企业信息", enterpriseForm{ID: e.ID, Input: enterpriseInputOf(e),
		IdentityFixed: firstset.EnterpriseIdentityFixed(actorOf(r))})
}
