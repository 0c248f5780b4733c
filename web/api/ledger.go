package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiLedger lists the disbursement ledger the caller may see, with the
// count and total paid of everything the filters pass.
func (s *Handler) apiLedger(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(50)
	f := q.LedgerFilter()
	f.Offset, f.Limit = (page-1)*per, per
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	l, err := s.Incentives.Ledger(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, l)
}
