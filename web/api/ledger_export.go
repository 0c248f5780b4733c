package api

import (
	"fmt"
	"net/http"
	"time"

	"firstset/date"
	"firstset/web/httpx"
	"firstset/web/sheet"
)

// apiLedgerExport sends the ledger the caller may see, with the ledger's
// filters, as an Excel workbook ending in a totals row.
func (s *Handler) apiLedgerExport(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	f := q.LedgerFilter()
	f.Limit = sheet.MaxExportRows
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	l, err := s.Incentives.Ledger(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	now := time.Now().In(date.Shanghai)
	body, err := sheet.Ledger(l, now)
	if err != nil {
		s.ServeError(w, r, fmt.Errorf("build ledger workbook: %w", err))
		return
	}
	sheet.Send(w, body, "ledger", sheet.LedgerSheet, now)
}
