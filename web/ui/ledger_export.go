package ui

import (
	"fmt"
	"net/http"
	"time"

	"firstset/date"
	"firstset/web/httpx"
	"firstset/web/sheet"
)

// handleLedgerExport downloads the ledger the viewer may see, filtered as
// the page is, as an Excel workbook ending in a totals row.
func (s *Handler) handleLedgerExport(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
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
