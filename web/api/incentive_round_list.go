package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiIncentiveRoundList lists the incentive rounds, newest first:
// kind, year and open_on (accepting applications that day) narrow it.
func (s *Handler) apiIncentiveRoundList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	f := firstset.IncentiveRoundFilter{Kind: q.IncentiveKind(), Year: q.Number("year", "年度", 2024, 2100, 0)}
	if d, ok := q.Day("open_on", "受理日期"); ok {
		f.OpenOn = d
	}
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, err := s.Incentives.IncentiveRounds(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if list == nil {
		list = []*firstset.IncentiveRound{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.IncentiveRound]{Items: list, Total: len(list)})
}
