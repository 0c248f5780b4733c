package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiInsurancePolicyList lists current policies: an insurer's own, every
// insurer's for the city's staff; product_id narrows it.
func (s *Handler) apiInsurancePolicyList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(50)
	f := firstset.PolicyFilter{ProductID: q.ID("product_id", "装备编号"), Offset: (page - 1) * per, Limit: per}
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Insurance.Policies(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if list == nil {
		list = []*firstset.InsurancePolicy{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.InsurancePolicy]{Items: list, Total: total})
}
