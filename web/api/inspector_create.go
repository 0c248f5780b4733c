package api

import (
	"net/http"

	"firstset"
)

// apiInspectorCreate adds an inspector to the list.
func (s *Handler) apiInspectorCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.InspectorInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	i, err := s.Inspections.CreateInspector(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, i)
}
