package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// ledgerSummaryKeys are what the ledger is summed by.
var ledgerSummaryKeys = []string{"product", "enterprise", "round", "year"}

// apiLedgerSummary sums the ledger the caller may see by product,
// enterprise, round or year, with the ledger's filters.
func (s *Handler) apiLedgerSummary(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	by := q.Choice("by", "汇总方式", func(v string) bool {
		for _, k := range ledgerSummaryKeys {
			if v == k {
				return true
			}
		}
		return false
	}, ledgerSummaryKeys)
	f := q.LedgerFilter()
	if by == "" {
		by = "product"
	}
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, err := s.Incentives.LedgerSummaries(r.Context(), by, f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if list == nil {
		list = []firstset.LedgerSummary{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[firstset.LedgerSummary]{Items: list, Total: len(list)})
}
