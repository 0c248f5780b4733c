package api

import (
	"net/http"

	"firstset"
)

// apiTenderCheckCreate checks a buyer's tender document and keeps the
// check with its purchase record.
func (s *Handler) apiTenderCheckCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.TenderCheckSave
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	c, err := s.TenderChecks.SaveTenderCheck(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, c)
}
