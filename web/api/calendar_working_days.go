package api

import (
	"net/http"

	"firstset/date"
	"firstset/web/httpx"
)

type workingDaysAnswer struct {
	From   date.Date `json:"from"`
	Days   int       `json:"days"`
	EndsOn date.Date `json:"ends_on"`
}

// apiCalendarWorkingDays is the last day of a period of working days,
// public: ?from=YYYY-MM-DD&days=N.
func (s *Handler) apiCalendarWorkingDays(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	from, ok := q.Day("from", "起始日期")
	if !ok && q.Err() == nil {
		q.Add("from", "required", "请给出起始日期 from（年-月-日）。")
	}
	days := q.Number("days", "工作日天数", 1, 366, 0)
	if days == 0 && q.Err() == nil {
		q.Add("days", "required", "请给出工作日天数 days（1 至 366）。")
	}
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	end, err := s.Calendar.WorkingDays(r.Context(), from, days)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, workingDaysAnswer{From: from, Days: days, EndsOn: end})
}
