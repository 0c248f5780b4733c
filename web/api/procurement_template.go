package api

import (
	"net/http"

	"firstset/web/sheet"
)

// apiProcurementTemplate sends the import template.
func (s *Handler) apiProcurementTemplate(w http.ResponseWriter, r *http.Request) {
	sheet.ServeProcurementTemplate(s.Base, w, r)
}
