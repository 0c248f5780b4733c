package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// handleEnterpriseNew shows an empty enterprise form.
func (s *Handler) handleEnterpriseNew(w http.ResponseWriter, r *http.Request) {
	if !s.Allowed(w, r, firstset.CheckCreateEnterprise(httpx.ActorOf(r))) {
		return
	}
	s.render(w, r, http.StatusOK, "enterprise_form", "新增企业", enterpriseForm{})
}
