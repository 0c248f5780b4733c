package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// handleProductDeleteConfirm asks before deleting: deletion is a form post
// from this page, never a link.
func (s *Handler) handleProductDeleteConfirm(w http.ResponseWriter, r *http.Request) {
	p, ok := httpx.LoadByID(s.Base, w, r, s.requireLogin, s.Products.FindProductByID)
	if !ok || !s.Allowed(w, r, firstset.CheckDeleteProduct(httpx.ActorOf(r), p)) {
		return
	}
	s.render(w, r, http.StatusOK, "product_delete", "删除装备", p)
}
