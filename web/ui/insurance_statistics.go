package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/sheet"
)

type insuranceStatisticsPage struct {
	Stats *firstset.InsuranceStatistics
	Year  int
}

// handleInsuranceStatistics shows the scheme's figures per insurer and
// underwriting year.
func (s *Handler) handleInsuranceStatistics(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckReadInsuranceStatistics(httpx.ActorOf(r))) {
		return
	}
	q := httpx.NewQueryReader(r)
	year := q.Number("year", "年度", 2000, 2100, 0)
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	st, err := s.Insurance.Statistics(r.Context(), year)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "insurance_statistics", "首台套保险统计", insuranceStatisticsPage{Stats: st, Year: year})
}

// handleInsuranceStatisticsExport downloads the statistics as a workbook.
func (s *Handler) handleInsuranceStatisticsExport(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	sheet.ServeInsuranceStatistics(s.Base, w, r)
}
