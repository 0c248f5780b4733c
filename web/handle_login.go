package web

import (
	"net/http"
	"strings"

	"firstset"
)

// handleLogin checks the password and starts a session. Wrong names and
// wrong passwords get one message, so names cannot be probed; throttling
// (the service's rate_limited) is shown as such.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	if err := s.parseForm(r); err != nil {
		s.serveError(w, r, err)
		return
	}
	username := strings.TrimSpace(r.PostForm.Get("username"))
	password := r.PostForm.Get("password")
	next := safeNext(r.PostForm.Get("next"))
	page := loginPage{Username: username, Next: next}
	if username == "" || password == "" {
		page.Error = "请输入用户名和密码。"
		s.render(w, r, http.StatusUnprocessableEntity, "login", "登录", page)
		return
	}

	session, token, err := s.opts.Auth.Login(r.Context(), username, password, s.clientIP(r), r.UserAgent())
	if err != nil {
		switch code := firstset.ErrorCode(err); code {
		case firstset.ERATELIMITED:
			page.Error = firstset.ErrorMessage(err)
			s.render(w, r, http.StatusTooManyRequests, "login", "登录", page)
		case firstset.EINTERNAL:
			s.serveError(w, r, err)
		default:
			page.Error = "用户名或密码错误，或账号已停用。"
			s.render(w, r, http.StatusUnauthorized, "login", "登录", page)
		}
		return
	}
	s.setSessionCookie(w, r, token, session.ExpiresAt)
	http.Redirect(w, r, next, http.StatusSeeOther)
}
