package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiExemptionList lists the requests the caller may see: a buyer its
// own, the SOE regulator the SOEs', a district office its district's.
func (s *Handler) apiExemptionList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(20)
	f := firstset.ExemptionFilter{
		Status: firstset.ExemptionStatus(q.Choice("status", "状态", func(v string) bool { return firstset.ExemptionStatus(v).Valid() },
			[]string{"submitted", "granted", "refused"})),
		ProcurementID: q.ID("procurement_id", "采购记录"),
		Offset:        (page - 1) * per, Limit: per,
	}
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Exemptions.FindExemptions(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Exemption]{Items: list, Total: total})
}
