package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiTenderCheckList lists a buyer's own saved checks, or every one for
// the tender supervisor.
func (s *Handler) apiTenderCheckList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(20)
	f := firstset.TenderCheckFilter{ProcurementID: q.ID("procurement_id", "采购记录"), Offset: (page - 1) * per, Limit: per}
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.TenderChecks.FindTenderChecks(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.TenderCheck]{Items: list, Total: total})
}
