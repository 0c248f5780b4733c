package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiBulletinIssue issues a reviewed draft: {"opinion"}.
func (s *Handler) apiBulletinIssue(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in struct {
		Opinion string `json:"opinion"`
	}
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	b, err := s.Bulletins.IssueBulletin(r.Context(), id, in.Opinion)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, b)
}
