package ui

import (
	"net/http"

	"firstset/web/httpx"
)

// handleProductDelete deletes a product after the confirmation page.
func (s *Handler) handleProductDelete(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := s.Products.DeleteProduct(r.Context(), id); err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/products", "装备已删除。")
}
