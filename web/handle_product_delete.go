package web

import (
	"net/http"
)

// handleProductDelete deletes a product after the confirmation page.
func (s *Server) handleProductDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	if err := s.opts.Products.DeleteProduct(r.Context(), id); err != nil {
		s.serveError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/products", "装备已删除。")
}
