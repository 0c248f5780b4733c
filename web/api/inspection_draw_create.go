package api

import (
	"net/http"

	"firstset"
)

// apiInspectionDrawCreate draws bodies and inspectors by a seed.
func (s *Handler) apiInspectionDrawCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.InspectionDrawInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	d, err := s.Inspections.DrawInspection(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, d)
}
