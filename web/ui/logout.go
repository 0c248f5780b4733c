package ui

import (
	"net/http"

	"firstset/web/httpx"
)

// handleLogout ends the session, in the database as well as the browser.
func (s *Handler) handleLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(httpx.SessionCookie); err == nil && c.Value != "" {
		if err := s.Auth.Logout(r.Context(), c.Value); err != nil {
			s.logger.WarnContext(r.Context(), "logout", "request_id", httpx.InfoFrom(r.Context()).ID, "error", err.Error())
		}
	}
	s.ClearSessionCookie(w, r)
	s.redirectWithFlash(w, r, "/", "您已安全退出。")
}
