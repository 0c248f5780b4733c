package api

import (
	"net/http"

	"firstset/web/sheet"
)

// apiLedgerExport sends the ledger the caller may see, with the ledger's
// filters, as an Excel workbook ending in a totals row.
func (s *Handler) apiLedgerExport(w http.ResponseWriter, r *http.Request) {
	sheet.ServeLedger(s.Base, w, r)
}
