package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiInspectionFindingCreate records what the inspection found at a body.
func (s *Handler) apiInspectionFindingCreate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.InspectionFindingInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	d, err := s.Inspections.RecordInspectionFinding(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, d)
}
