package web

import (
	"net/http"

	"firstset"
)

// apiCategoryCreate adds a category. A caller the service would refuse is
// refused before its input is checked, by the service's own rule.
func (s *Server) apiCategoryCreate(w http.ResponseWriter, r *http.Request) {
	if !s.allowed(w, r, firstset.CheckManageCategories(actorOf(r))) {
		return
	}
	var in categoryInput
	if err := s.decodeJSON(r, &in); err != nil {
		s.serveError(w, r, err)
		return
	}
	c, err := s.opts.Products.CreateCategory(r.Context(), in.Name, in.Sort)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusCreated, c)
}
