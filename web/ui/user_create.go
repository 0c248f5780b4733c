package ui

import (
	"net/http"

	"firstset"
	"firstset/web/ui/forms"
)

// handleUserCreate creates an account; the service allows administrators only.
func (s *Handler) handleUserCreate(w http.ResponseWriter, r *http.Request) {
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	form := userForm{Input: forms.UserInputFrom(r.PostForm, &problems)}
	err := problems.Err()
	if err == nil {
		_, err = s.Users.CreateUser(r.Context(), form.Input)
	}
	if forms.IsFormError(err) {
		form.Errors = forms.NewErrors(err, forms.UserFields...)
		s.renderUserForm(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/admin/users", "用户已创建。")
}
