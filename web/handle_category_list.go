package web

import (
	"net/http"

	"firstset/service"
)

// handleCategoryList shows the managed category list with an add form.
func (s *Server) handleCategoryList(w http.ResponseWriter, r *http.Request) {
	if !s.allowed(w, r, service.CheckManageCategories(actorOf(r))) {
		return
	}
	s.renderCategoryPage(w, r, http.StatusOK, categoryListPage{})
}
