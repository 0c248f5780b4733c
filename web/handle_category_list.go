package web

import (
	"firstset"
	"net/http"
)

// handleCategoryList shows the managed category list with an add form.
func (s *Server) handleCategoryList(w http.ResponseWriter, r *http.Request) {
	if !s.allowed(w, r, firstset.CheckManageCategories(actorOf(r))) {
		return
	}
	s.renderCategoryPage(w, r, http.StatusOK, categoryListPage{})
}
