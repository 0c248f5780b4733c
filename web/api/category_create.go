package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiCategoryCreate adds a category. A caller the service would refuse is
// refused before its input is checked, by the service's own rule.
func (s *Handler) apiCategoryCreate(w http.ResponseWriter, r *http.Request) {
	if !s.Allowed(w, r, firstset.CheckManageCategories(httpx.ActorOf(r))) {
		return
	}
	var in httpx.CategoryInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	c, err := s.Products.CreateCategory(r.Context(), in.Name, in.Sort)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, c)
}
