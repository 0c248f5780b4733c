package web

import "net/http"

func (s *Server) apiProductGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	p, err := s.opts.Products.FindProductByID(r.Context(), id)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, p)
}
