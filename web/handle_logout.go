package web

import (
	"net/http"
)

// handleLogout ends the session, in the database as well as the browser.
func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := s.opts.Auth.Logout(r.Context(), c.Value); err != nil {
			s.logger.WarnContext(r.Context(), "logout", "request_id", infoFrom(r.Context()).ID, "error", err.Error())
		}
	}
	s.clearSessionCookie(w, r)
	s.redirectWithFlash(w, r, "/", "您已安全退出。")
}
