package web

import "net/http"

// handleCategoryList shows the managed category list with an add form.
func (s *Server) handleCategoryList(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	s.renderCategoryPage(w, r, http.StatusOK, categoryListPage{})
}
