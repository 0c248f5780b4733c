package web

import (
	"firstset"
	"net/http"
)

// handleUserEdit shows the user form filled in.
func (s *Server) handleUserEdit(w http.ResponseWriter, r *http.Request) {
	if !s.allowed(w, r, firstset.CheckManageUsers(actorOf(r))) {
		return
	}
	u, ok := loadByID(s, w, r, nil, s.opts.Users.FindUserByID)
	if !ok {
		return
	}
	s.renderUserForm(w, r, http.StatusOK, userForm{ID: u.ID, Input: userInputOf(u)})
}
