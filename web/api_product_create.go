package web

import (
	"net/http"

	"firstset"
)

func (s *Server) apiProductCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.ProductInput
	if err := s.decodeJSON(r, &in); err != nil {
		s.serveError(w, r, err)
		return
	}
	p, err := s.opts.Products.CreateProduct(r.Context(), in)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/products/"+itoa(p.ID))
	s.writeJSON(w, r, http.StatusCreated, p)
}
