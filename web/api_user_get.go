package web

import "net/http"

func (s *Server) apiUserGet(w http.ResponseWriter, r *http.Request) {
	u, ok := loadByID(s, w, r, nil, s.opts.Users.FindUserByID)
	if !ok {
		return
	}
	s.writeJSON(w, r, http.StatusOK, u)
}
