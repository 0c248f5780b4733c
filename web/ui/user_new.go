package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// handleUserNew shows an empty user form.
func (s *Handler) handleUserNew(w http.ResponseWriter, r *http.Request) {
	if !s.Allowed(w, r, firstset.CheckManageUsers(httpx.ActorOf(r))) {
		return
	}
	s.renderUserForm(w, r, http.StatusOK, userForm{Input: firstset.UserInput{Role: firstset.RoleEnterprise}})
}
