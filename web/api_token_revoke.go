package web

import "net/http"

func (s *Server) apiTokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	if err := s.opts.Auth.RevokeToken(r.Context(), id); err != nil {
		s.serveError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
