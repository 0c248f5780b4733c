package ui

import (
	"net/http"

	"firstset"
	"firstset/web/ui/forms"
)

// handlePasswordChange changes the caller's own password. The service
// ends all of the user's sessions with it, this one included, so the
// person is sent to log in again with the new password.
func (s *Handler) handlePasswordChange(w http.ResponseWriter, r *http.Request) {
	// The public is sent to log in, not told what its empty form lacks.
	if !s.requireLogin(w, r) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	oldPassword, newPassword := forms.PasswordChangeFrom(r.PostForm, &problems)
	err := problems.Err()
	if err == nil {
		err = s.Users.ChangePassword(r.Context(), oldPassword, newPassword)
	}
	if forms.IsFormError(err) {
		page := passwordPage{Errors: forms.NewErrors(err, forms.PasswordFields...)}
		s.render(w, r, http.StatusUnprocessableEntity, "password_form", "修改密码", page)
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.ClearSessionCookie(w, r)
	s.redirectWithFlash(w, r, "/login", "密码已修改，原有登录已全部退出，请使用新密码重新登录。")
}
