package web

import (
	"net/http"

	"firstset"
)

func (s *Server) apiUserCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.UserInput
	if err := s.decodeJSON(r, &in); err != nil {
		s.serveError(w, r, err)
		return
	}
	u, err := s.opts.Users.CreateUser(r.Context(), in)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/users/"+itoa(u.ID))
	s.writeJSON(w, r, http.StatusCreated, u)
}
