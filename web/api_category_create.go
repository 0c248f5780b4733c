package web

import (
	"net/http"

	"firstset"
)

// apiCategoryCreate adds a category. Callers other than administrators
// are refused before their input is checked; the service refuses them too.
func (s *Server) apiCategoryCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	var in categoryInput
	if err := s.decodeJSON(r, &in); err != nil {
		s.serveError(w, r, err)
		return
	}
	var problems firstset.Problems
	checkCategorySort(in.Sort, &problems)
	err := problems.Err()
	var c *firstset.Category
	if err == nil {
		c, err = s.opts.Products.CreateCategory(r.Context(), in.Name, in.Sort)
	}
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusCreated, c)
}
