package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleProductEdit shows the product form filled in.
func (s *Handler) handleProductEdit(w http.ResponseWriter, r *http.Request) {
	p, ok := httpx.LoadByID(s.Base, w, r, s.requireLogin, s.Products.FindProductByID)
	if !ok || !s.Allowed(w, r, firstset.CheckEditProduct(httpx.ActorOf(r), p)) {
		return
	}
	in := forms.ProductInputOf(p)
	s.renderProductForm(w, r, http.StatusOK, productForm{
		ID: p.ID, Input: in, Rows: forms.WithBlankRows(in.Params, forms.BlankParamRows), Patents: lines(in.Patents),
	})
}
