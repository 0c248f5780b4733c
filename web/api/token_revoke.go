package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiTokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := s.Auth.RevokeToken(r.Context(), id); err != nil {
		s.ServeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
