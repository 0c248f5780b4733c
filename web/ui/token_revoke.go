package ui

import (
	"net/http"

	"firstset/web/httpx"
)

// handleTokenRevoke revokes a token after the confirmation page.
func (s *Handler) handleTokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := s.Auth.RevokeToken(r.Context(), id); err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/tokens", "访问令牌已撤销。")
}
