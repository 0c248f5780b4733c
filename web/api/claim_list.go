package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiClaimList lists the claims the caller may see: an enterprise those on
// its products, a buyer those it reported, an insurer those on its
// policies, the city's departments all (?open=1 waiting, by time limit;
// ?overdue=1 past it).
func (s *Handler) apiClaimList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	f := q.ClaimFilter()
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Claims.FindClaims(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.ClaimCase]{Items: list, Total: total})
}
