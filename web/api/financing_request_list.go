package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiFinancingRequestList lists an enterprise's requests, or those shared
// with the caller's institution (?awaiting=1 for those waiting for its
// answer; ?status= to filter).
func (s *Handler) apiFinancingRequestList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	f := q.FinancingFilter()
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Financing.FindFinancingRequests(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.FinancingRequest]{Items: list, Total: total})
}
