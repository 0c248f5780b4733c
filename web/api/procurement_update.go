package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiProcurementUpdate replaces a purchase's fields: its delivery,
// acceptance and use as they happen.
func (s *Handler) apiProcurementUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.ProcurementInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	p, err := s.Procurements.UpdateProcurement(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, p)
}
