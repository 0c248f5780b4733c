package api

import (
	"net/http"

	"firstset"
)

// apiInstitutionCreate registers an insurer, bank, leasing firm or fund (administrators).
func (s *Handler) apiInstitutionCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.InstitutionInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	n, err := s.Institutions.CreateInstitution(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, n)
}
