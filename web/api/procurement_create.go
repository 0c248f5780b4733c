package api

import (
	"net/http"

	"firstset"
)

// apiProcurementCreate records a buyer's purchase of a catalog product.
func (s *Handler) apiProcurementCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.ProcurementInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	p, err := s.Procurements.CreateProcurement(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, p)
}
