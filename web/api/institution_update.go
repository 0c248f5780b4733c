package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiInstitutionUpdate edits an institution (administrators).
func (s *Handler) apiInstitutionUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.InstitutionInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	n, err := s.Institutions.UpdateInstitution(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, n)
}
