package web

import (
	"net/http"
)

// handleUserEdit shows the user form filled in.
func (s *Server) handleUserEdit(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	u, err := s.opts.Users.FindUserByID(r.Context(), id)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.renderUserForm(w, r, http.StatusOK, userForm{ID: u.ID, Input: userInputOf(u)})
}
