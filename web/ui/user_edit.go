package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleUserEdit shows the user form filled in.
func (s *Handler) handleUserEdit(w http.ResponseWriter, r *http.Request) {
	if !s.Allowed(w, r, firstset.CheckManageUsers(httpx.ActorOf(r))) {
		return
	}
	u, ok := httpx.LoadByID(s.Base, w, r, nil, s.Users.FindUserByID)
	if !ok {
		return
	}
	s.renderUserForm(w, r, http.StatusOK, userForm{ID: u.ID, Input: forms.UserInputOf(u)})
}
