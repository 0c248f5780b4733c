package web

import (
	"net/http"
)

// handleProductDeleteConfirm asks before deleting: deletion is a form post
// from this page, never a link.
func (s *Server) handleProductDeleteConfirm(w http.ResponseWriter, r *http.Request) {
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
	s.render(w, r, http.StatusOK, "product_delete", "删除装备", p)
}
