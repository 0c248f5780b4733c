package web

import (
	"net/http"
)

// handleProductEdit shows the product form filled in.
func (s *Server) handleProductEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	if !s.requireLogin(w, r) {
		return
	}
	p, err := s.opts.Products.FindProductByID(r.Context(), id)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	in := productInputOf(p)
	s.renderProductForm(w, r, http.StatusOK, productForm{
		ID: p.ID, Input: in, Rows: withBlankRows(in.Params, blankParamRows), Patents: lines(in.Patents),
	})
}
