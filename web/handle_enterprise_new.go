package web

import (
	"net/http"

	"firstset"
)

// handleEnterpriseNew shows an empty enterprise form.
func (s *Server) handleEnterpriseNew(w http.ResponseWriter, r *http.Request) {
	if actorOf(r).IsPublic() {
		s.serveError(w, r, firstset.Errorf(firstset.EUNAUTHORIZED, "请先登录。"))
		return
	}
	s.render(w, r, http.StatusOK, "enterprise_form", "新增企业", enterpriseForm{})
}
