package web

import (
	"net/http"

	"firstset/service"
)

// handleUserEdit shows the user form filled in.
func (s *Server) handleUserEdit(w http.ResponseWriter, r *http.Request) {
	if !s.allowed(w, r, service.CheckManageUsers(actorOf(r))) {
		return
	}
	u, ok := loadByID(s, w, r, nil, s.opts.Users.FindUserByID)
	if !ok {
		return
	}
	s.renderUserForm(w, r, http.StatusOK, userForm{ID: u.ID, Input: userInputOf(u)})
}
