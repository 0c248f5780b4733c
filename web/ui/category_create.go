package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleCategoryCreate adds a category. Non-administrators are turned away
// before their input is checked; the service refuses them as well.
func (s *Handler) handleCategoryCreate(w http.ResponseWriter, r *http.Request) {
	if !s.Allowed(w, r, firstset.CheckManageCategories(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in, sortText := forms.CategoryInputFrom(r.PostForm, &problems)
	err := problems.Err()
	if err == nil {
		_, err = s.Products.CreateCategory(r.Context(), in.Name, in.Sort)
	}
	if forms.IsFormError(err) {
		page := categoryListPage{Name: in.Name, Sort: sortText, Errors: forms.NewErrors(err, forms.CategoryFields...)}
		s.renderCategoryPage(w, r, http.StatusUnprocessableEntity, page)
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/admin/categories", "类别“"+in.Name+"”已添加。")
}
