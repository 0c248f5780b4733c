package web

import "net/http"

func (s *Server) apiEnterpriseGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	e, err := s.opts.Enterprises.FindEnterpriseByID(r.Context(), id)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, e)
}
