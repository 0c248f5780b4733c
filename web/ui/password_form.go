package ui

import (
	"net/http"
)

// handlePasswordForm shows the form for changing one's own password.
func (s *Handler) handlePasswordForm(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	s.render(w, r, http.StatusOK, "password_form", "修改密码", passwordPage{})
}
