package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// handleTokenRevokeConfirm asks before revoking a token.
func (s *Handler) handleTokenRevokeConfirm(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if !s.requireLogin(w, r) {
		return
	}
	tokens, err := s.Auth.FindTokens(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	for _, t := range tokens {
		if t.ID == id {
			s.render(w, r, http.StatusOK, "token_revoke", "撤销访问令牌", t)
			return
		}
	}
	s.ServeError(w, r, firstset.NotFound("访问令牌"))
}
