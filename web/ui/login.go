package ui

import (
	"net/http"
	"strings"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleLogin checks the password and starts a session. Wrong names and
// wrong passwords get one message, so names cannot be probed; throttling
// (the service's rate_limited) is shown as such. A form without the token
// of this browser's login page (as posted from a foreign page) is refused
// before any password is looked at.
func (s *Handler) handleLogin(w http.ResponseWriter, r *http.Request) {
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	username := strings.TrimSpace(r.PostForm.Get("username"))
	password := r.PostForm.Get("password")
	next := forms.SafeNext(r.PostForm.Get("next"))
	resume := resumedFormFrom(r.PostForm)
	page := loginPage{Username: username, Next: next, Resume: resume}
	if !httpx.CheckLoginToken(r) {
		page.Error = "登录页面已失效或来源无法确认，请重新输入用户名和密码登录。"
		s.renderLogin(w, r, http.StatusForbidden, page)
		return
	}
	if username == "" || password == "" {
		page.Error = "请输入用户名和密码。"
		s.renderLogin(w, r, http.StatusUnprocessableEntity, page)
		return
	}

	session, token, err := s.Auth.Login(r.Context(), username, password, s.ClientIP(r), r.UserAgent())
	if err != nil {
		switch code := firstset.ErrorCode(err); code {
		case firstset.ERATELIMITED:
			page.Error = firstset.ErrorMessage(err)
			s.renderLogin(w, r, http.StatusTooManyRequests, page)
		case firstset.EINTERNAL:
			s.ServeError(w, r, err)
		case firstset.EINVALID:
			// A name no account can have (control characters, say): say
			// what is wrong with it rather than hint at a wrong password.
			page.Error = firstset.ErrorMessage(err)
			s.renderLogin(w, r, http.StatusUnprocessableEntity, page)
		default:
			page.Error = "用户名或密码错误，或账号已停用。"
			s.renderLogin(w, r, http.StatusUnauthorized, page)
		}
		return
	}
	s.ClearLoginFormCookie(w, r)
	s.SetSessionCookie(w, r, token, session.ExpiresAt)
	if resume != nil {
		s.renderResumeConfirmation(w, r, token, resume, next)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}
