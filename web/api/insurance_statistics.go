package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiInsuranceStatistics answers the scheme's figures per insurer and
// underwriting year (?year= for one): premiums, subsidies, claims and the
// loss ratio.
func (s *Handler) apiInsuranceStatistics(w http.ResponseWriter, r *http.Request) {
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
	s.WriteJSON(w, r, http.StatusOK, st)
}
