package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiProcurementTotalList lists the equipment totals the caller may see.
func (s *Handler) apiProcurementTotalList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	buyerID := q.ID("buyer_id", "采购单位编号")
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, err := s.Procurements.EquipmentTotals(r.Context(), buyerID)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.EquipmentTotal]{Items: list, Total: len(list)})
}
