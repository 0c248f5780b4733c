package api

import (
	"net/http"
	"regexp"

	"firstset"
	"firstset/web/httpx"
)

var monthPattern = regexp.MustCompile(`^\d{4}-\d{2}$`)

type ratingList struct {
	Items   []*firstset.Rating       `json:"items"`
	Total   int                      `json:"total"`
	Summary []firstset.RatingSummary `json:"summary"`
}

// apiRatingList lists ratings for staff with the per-stage, per-month
// summary: ?month=2026-12&follow_up=1.
func (s *Handler) apiRatingList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(50)
	f := firstset.RatingFilter{Month: q.Text("month", "月份", 7), Offset: (page - 1) * per, Limit: per,
		FollowUps: q.Choice("follow_up", "待整改", func(v string) bool { return v == "0" || v == "1" }, []string{"0", "1"}) == "1"}
	if f.Month != "" && !monthPattern.MatchString(f.Month) {
		q.Add("month", "invalid_month", "参数 month 须为 年-月，如 2026-12。")
	}
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Cases.Ratings(r.Context(), f)
	var sum []firstset.RatingSummary
	if err == nil {
		sum, err = s.Cases.RatingSummaries(r.Context())
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if list == nil {
		list = []*firstset.Rating{}
	}
	if sum == nil {
		sum = []firstset.RatingSummary{}
	}
	s.WriteJSON(w, r, http.StatusOK, ratingList{Items: list, Total: total, Summary: sum})
}
