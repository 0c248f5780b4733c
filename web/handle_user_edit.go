package web

import (
	"net/http"
)

// handleUserEdit shows the user form filled in.
func (s *Server) handleUserEdit(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	u, ok := loadByID(s, w, r, nil, s.opts.Users.FindUserByID)
	if !ok {
		return
	}
	s.renderUserForm(w, r, http.StatusOK, userForm{ID: u.ID, Input: userInputOf(u)})
}
