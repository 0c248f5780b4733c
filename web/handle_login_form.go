package web

import "net/http"

// loginPage is the login form's data.
type loginPage struct {
	Username string
	Next     string
	Error    string
}

// handleLoginForm shows the login form; someone already logged in goes on.
func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.URL.Query().Get("next"))
	if !actorOf(r).IsPublic() {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", "登录", loginPage{Next: next})
}
