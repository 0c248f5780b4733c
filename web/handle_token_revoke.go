package web

import "net/http"

// handleTokenRevoke revokes a token after the confirmation page.
func (s *Server) handleTokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	if err := s.opts.Auth.RevokeToken(r.Context(), id); err != nil {
		s.serveError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/tokens", "访问令牌已撤销。")
}
