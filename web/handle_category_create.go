package web

import (
	"net/http"

	"firstset"
)

// handleCategoryCreate adds a category. Non-administrators are turned away
// before their input is checked; the service refuses them as well.
func (s *Server) handleCategoryCreate(w http.ResponseWriter, r *http.Request) {
	if !s.allowed(w, r, firstset.CheckManageCategories(actorOf(r))) {
		return
	}
	if err := s.parsePostedForm(r); err != nil {
		s.serveError(w, r, err)
		return
	}
	var problems firstset.Problems
	in, sortText := categoryInputFrom(r.PostForm, &problems)
	err := problems.Err()
	if err == nil {
		_, err = s.opts.Products.CreateCategory(r.Context(), in.Name, in.Sort)
	}
	if isFormError(err) {
		page := categoryListPage{Name: in.Name, Sort: sortText, Errors: newFormErrors(err, categoryFields...)}
		s.renderCategoryPage(w, r, http.StatusUnprocessableEntity, page)
		return
	}
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/admin/categories", "类别“"+in.Name+"”已添加。")
}
