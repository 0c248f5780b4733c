package web

import (
	"net/http"

	"firstset"
)

// handlePasswordForm shows the form for changing one's own password.
func (s *Server) handlePasswordForm(w http.ResponseWriter, r *http.Request) {
	if actorOf(r).IsPublic() {
		s.serveError(w, r, firstset.Errorf(firstset.EUNAUTHORIZED, "请先登录。"))
		return
	}
	s.render(w, r, http.StatusOK, "password_form", "修改密码", passwordPage{})
}
