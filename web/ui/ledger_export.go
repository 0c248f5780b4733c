package ui

import (
	"net/http"

	"firstset/web/sheet"
)

// handleLedgerExport downloads the ledger the viewer may see, filtered as
// the page is, as an Excel workbook ending in a totals row.
func (s *Handler) handleLedgerExport(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	sheet.ServeLedger(s.Base, w, r)
}
