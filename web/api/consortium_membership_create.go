package api

import (
	"net/http"

	"firstset"
)

// apiConsortiumMembershipCreate records an insurer's joining the
// consortium.
func (s *Handler) apiConsortiumMembershipCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.ConsortiumJoin
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	m, err := s.Insurance.JoinConsortium(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, m)
}
