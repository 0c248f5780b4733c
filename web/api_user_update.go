package web

import (
	"net/http"

	"firstset"
)

func (s *Server) apiUserUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	var in firstset.UserInput
	if err := s.decodeJSON(r, &in); err != nil {
		s.serveError(w, r, err)
		return
	}
	u, err := s.opts.Users.UpdateUser(r.Context(), id, in)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, u)
}
