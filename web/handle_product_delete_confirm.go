package web

import (
	"firstset"
	"net/http"
)

// handleProductDeleteConfirm asks before deleting: deletion is a form post
// from this page, never a link.
func (s *Server) handleProductDeleteConfirm(w http.ResponseWriter, r *http.Request) {
	p, ok := loadByID(s, w, r, s.requireLogin, s.opts.Products.FindProductByID)
	if !ok || !s.allowed(w, r, firstset.CheckDeleteProduct(actorOf(r), p)) {
		return
	}
	s.render(w, r, http.StatusOK, "product_delete", "删除装备", p)
}
