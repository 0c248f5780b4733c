package web

import (
	"firstset"
	"net/http"
)

// handleEnterpriseNew shows an empty enterprise form.
func (s *Server) handleEnterpriseNew(w http.ResponseWriter, r *http.Request) {
	if !s.allowed(w, r, firstset.CheckCreateEnterprise(actorOf(r))) {
		return
	}
	s.render(w, r, http.StatusOK, "enterprise_form", "新增企业", enterpriseForm{})
}
