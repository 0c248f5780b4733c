package api

import (
	"net/http"

	"firstset"
)

// TokenCreated is the one answer that carries a token's secret.
type TokenCreated struct {
	Token  *firstset.APIToken `json:"token"`
	Secret string             `json:"secret"`
}

func (s *Handler) apiTokenCreate(w http.ResponseWriter, r *http.Request) {
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
	s.WriteJSON(w, r, http.StatusCreated, TokenCreated{Token: t, Secret: secret})
}
