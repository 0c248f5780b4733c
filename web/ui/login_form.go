package ui

import (
	"net/http"

	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// loginPage is the login form's data.
type loginPage struct {
	Username string
	Next     string
	Error    string
	// Token is the pre-session's token the form must carry back.
	Token string
	// Resume is a form posted when the session had expired, carried
	// through the login (see handle_login_resume.go).
	Resume *resumedForm
	// OIDC offers the sign-in through the city's identity provider.
	OIDC bool
}

// handleLoginForm shows the login form; someone already logged in goes on.
func (s *Handler) handleLoginForm(w http.ResponseWriter, r *http.Request) {
	next := forms.SafeNext(r.URL.Query().Get("next"))
	if !httpx.ActorOf(r).IsPublic() {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	s.renderLogin(w, r, http.StatusOK, loginPage{Next: next})
}

// renderLogin shows the login form with a pre-session token.
func (s *Handler) renderLogin(w http.ResponseWriter, r *http.Request, status int, page loginPage) {
	page.Token = s.LoginFormToken(w, r)
	page.OIDC = s.OIDC != nil && page.Resume == nil // a form to resume needs the password's way back
	s.render(w, r, status, "login", "登录", page)
}
