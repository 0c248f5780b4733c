package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiConsortiumMembershipLeave records an insurer's leaving the
// consortium.
func (s *Handler) apiConsortiumMembershipLeave(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.ConsortiumLeave
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	m, err := s.Insurance.LeaveConsortium(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, m)
}
