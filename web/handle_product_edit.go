package web

import (
	"firstset"
	"net/http"
)

// handleProductEdit shows the product form filled in.
func (s *Server) handleProductEdit(w http.ResponseWriter, r *http.Request) {
	p, ok := loadByID(s, w, r, s.requireLogin, s.opts.Products.FindProductByID)
	if !ok || !s.allowed(w, r, firstset.CheckEditProduct(actorOf(r), p)) {
		return
	}
	in := productInputOf(p)
	s.renderProductForm(w, r, http.StatusOK, productForm{
		ID: p.ID, Input: in, Rows: withBlankRows(in.Params, blankParamRows), Patents: lines(in.Patents),
	})
}
