package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// handleCategoryList shows the managed category list with an add form.
func (s *Handler) handleCategoryList(w http.ResponseWriter, r *http.Request) {
	if !s.Allowed(w, r, firstset.CheckManageCategories(httpx.ActorOf(r))) {
		return
	}
	s.renderCategoryPage(w, r, http.StatusOK, categoryListPage{})
}
