package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleUserUpdate saves the user form; an empty password keeps the old one.
func (s *Handler) handleUserUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	form := userForm{ID: id, Input: forms.UserInputFrom(r.PostForm, &problems)}
	err = problems.Err()
	if err == nil {
		_, err = s.Users.UpdateUser(r.Context(), id, form.Input)
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
	s.redirectWithFlash(w, r, "/admin/users", "用户信息已保存。")
}
