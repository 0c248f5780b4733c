package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiProcurementList lists the purchases the caller may see: a buyer its
// own, a district office its district's buyers', the city's departments
// all.
func (s *Handler) apiProcurementList(w http.ResponseWriter, r *http.Request) {
	f, err := httpx.ProcurementQuery(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Procurements.FindProcurements(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Procurement]{Items: list, Total: total})
}
