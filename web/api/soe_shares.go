package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiSOEShares answers each state-owned buyer's first-set share of its
// equipment procurement in ?period= (2026Q3 or a year).
func (s *Handler) apiSOEShares(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	period := q.Text("period", "期间", 10)
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, err := s.Procurements.SOEShares(r.Context(), period)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.SOEShare]{Items: list, Total: len(list)})
}
