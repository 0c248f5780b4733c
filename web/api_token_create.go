package web

import (
	"net/http"

	"firstset"
)

// tokenCreated is the one answer that carries a token's secret.
type tokenCreated struct {
	Token  *firstset.APIToken `json:"token"`
	Secret string             `json:"secret"`
}

func (s *Server) apiTokenCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.TokenInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	t, secret, err := s.Auth.CreateToken(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, tokenCreated{Token: t, Secret: secret})
}
