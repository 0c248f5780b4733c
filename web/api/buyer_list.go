package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiBuyerList lists the purchasing units the caller may see; kind,
// district_code and q narrow it.
func (s *Handler) apiBuyerList(w http.ResponseWriter, r *http.Request) {
	f, err := httpx.BuyerQuery(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Buyers.FindBuyers(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Buyer]{Items: list, Total: total})
}
