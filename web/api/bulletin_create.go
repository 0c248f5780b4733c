package api

import (
	"net/http"

	"firstset"
)

// apiBulletinCreate composes a draft bulletin of a period (on demand; the
// quarterly job composes each quarter's).
func (s *Handler) apiBulletinCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.BulletinInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	b, err := s.Bulletins.ComposeBulletin(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, b)
}
