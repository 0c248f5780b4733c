package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

func (s *Handler) apiProductCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.ProductInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	p, err := s.Products.CreateProduct(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/products/"+httpx.Itoa(p.ID))
	s.WriteJSON(w, r, http.StatusCreated, p)
}
