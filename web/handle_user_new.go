package web

import (
	"net/http"

	"firstset"
)

// handleUserNew shows an empty user form.
func (s *Server) handleUserNew(w http.ResponseWriter, r *http.Request) {
	if !s.allowed(w, r, firstset.CheckManageUsers(actorOf(r))) {
		return
	}
	s.renderUserForm(w, r, http.StatusOK, userForm{Input: firstset.UserInput{Role: firstset.RoleEnterprise}})
}
