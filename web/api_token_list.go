package web

import (
	"net/http"

	"firstset"
)

// apiTokenList lists the caller's own tokens, without their secrets.
func (s *Server) apiTokenList(w http.ResponseWriter, r *http.Request) {
	tokens, err := s.opts.Auth.FindTokens(r.Context())
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	if tokens == nil {
		tokens = []*firstset.APIToken{}
	}
	s.writeJSON(w, r, http.StatusOK, listResponse[*firstset.APIToken]{Items: tokens, Total: len(tokens)})
}
