package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiTokenList lists the caller's own tokens, without their secrets.
func (s *Handler) apiTokenList(w http.ResponseWriter, r *http.Request) {
	tokens, err := s.Auth.FindTokens(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if tokens == nil {
		tokens = []*firstset.APIToken{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.APIToken]{Items: tokens, Total: len(tokens)})
}
