package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

type ledgerPage struct {
	Ledger       *firstset.Ledger
	ByEnterprise []firstset.LedgerSummary
	ByYear       []firstset.LedgerSummary
	Filter       firstset.LedgerFilter
	Pagination   forms.Pagination
	// ExportURL downloads what the filters pass, as Excel.
	ExportURL string
}

// handleLedger shows the disbursement ledger the viewer may see, with its
// totals by year and by enterprise, filtered as the query says.
func (s *Handler) handleLedger(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	q := httpx.NewQueryReader(r)
	page, per := q.Page(50)
	f := q.LedgerFilter()
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	listed := f
	listed.Offset, listed.Limit = (page-1)*per, per
	l, err := s.Incentives.Ledger(r.Context(), listed)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	byYear, err := s.Incentives.LedgerSummaries(r.Context(), "year", f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	byEnterprise, err := s.Incentives.LedgerSummaries(r.Context(), "enterprise", f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	export := "/ledger/export.xlsx"
	if r.URL.RawQuery != "" {
		export += "?" + r.URL.RawQuery
	}
	s.render(w, r, http.StatusOK, "ledger", "奖补拨付台账", ledgerPage{Ledger: l, ByYear: byYear, ByEnterprise: byEnterprise,
		Filter: f, Pagination: forms.NewPagination(r.URL, page, per, l.Total), ExportURL: export})
}
