package ui

import (
	"net/http"

	"firstset"
)

// handleUserCreate creates an account; the service allows administrators only.
func (s *Handler) handleUserCreate(w http.ResponseWriter, r *http.Request) {
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	form := userForm{Input: userInputFrom(r.PostForm, &problems)}
	err := problems.Err()
	if err == nil {
		_, err = s.Users.CreateUser(r.Context(), form.Input)
	}
	if isFormError(err) {
		form.Errors = newFormErrors(err, userFields...)
		s.renderUserForm(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/admin/users", "用户已创建。")
}
