package api

import (
	"net/http"

	"firstset/web/sheet"
)

// apiInsuranceStatisticsExport downloads the statistics as a workbook.
func (s *Handler) apiInsuranceStatisticsExport(w http.ResponseWriter, r *http.Request) {
	sheet.ServeInsuranceStatistics(s.Base, w, r)
}
