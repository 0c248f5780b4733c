package api

import (
	"net/http"

	"firstset"
)

// apiProcurementTotalCreate records a buyer's equipment total for a
// period: 201 for a new figure, 200 when it replaced one.
func (s *Handler) apiProcurementTotalCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.EquipmentTotalInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	t, err := s.Procurements.SetEquipmentTotal(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	status := http.StatusCreated
	if t.Replaced {
		status = http.StatusOK
	}
	s.WriteJSON(w, r, status, t)
}
