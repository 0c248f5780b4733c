package web

import (
	"net/http"

	"firstset"
)

// handleTokenRevokeConfirm asks before revoking a token.
func (s *Server) handleTokenRevokeConfirm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	if !s.requireLogin(w, r) {
		return
	}
	tokens, err := s.opts.Auth.FindTokens(r.Context())
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	for _, t := range tokens {
		if t.ID == id {
			s.render(w, r, http.StatusOK, "token_revoke", "撤销访问令牌", t)
			return
		}
	}
	s.serveError(w, r, firstset.NotFound("访问令牌"))
}
