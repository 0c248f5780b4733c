package web

import "net/http"

func (s *Server) apiProductDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	if err := s.opts.Products.DeleteProduct(r.Context(), id); err != nil {
		s.serveError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
