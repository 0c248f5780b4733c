package web

import "net/http"

func (s *Server) apiUserGet(w http.ResponseWriter, r *http.Request) {
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
	s.writeJSON(w, r, http.StatusOK, u)
}
