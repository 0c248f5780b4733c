package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleOIDCRequestLink links a pending sign-in's subject to the platform
// user the administrator names, from the users page.
func (s *Handler) handleOIDCRequestLink(w http.ResponseWriter, r *http.Request) {
	if !s.Allowed(w, r, firstset.CheckManageUsers(httpx.ActorOf(r))) {
		return
	}
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	username := r.PostForm.Get("username")
	u, err := s.Users.LinkOIDCRequest(r.Context(), id, username)
	if forms.IsFormError(err) {
		s.renderUserList(w, r, http.StatusUnprocessableEntity, oidcLinkForm{ID: id, Username: username,
			Errors: forms.NewErrors(err, "username")})
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/admin/users", "已将统一身份认证账号关联到用户 "+u.Username+"，其可用统一身份认证登录。")
}
