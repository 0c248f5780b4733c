package ui

import (
	"net/http"
	"regexp"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

var monthPattern = regexp.MustCompile(`^\d{4}-\d{2}$`)

type ratingListPage struct {
	Summaries  []firstset.RatingSummary
	Ratings    []*firstset.Rating
	Month      string
	FollowUps  bool
	Pagination forms.Pagination
	// CanAnswer: the viewer may answer bad ratings (administrators read them).
	CanAnswer bool
	// The answer form refused, if any: its rating, input and message.
	FailedID int64
	Answer   string
	Error    string
}

// handleRatingList shows staff the ratings (好差评): per stage and month,
// and the bad ones waiting for an answer.
func (s *Handler) handleRatingList(w http.ResponseWriter, r *http.Request) {
	s.renderRatings(w, r, http.StatusOK, ratingListPage{})
}

func (s *Handler) renderRatings(w http.ResponseWriter, r *http.Request, status int, page ratingListPage) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckReadRecognition(httpx.ActorOf(r))) {
		return
	}
	params := httpx.NewQueryReader(r)
	n, per := params.Page(20)
	page.Month = params.Text("month", "月份", 7)
	if page.Month != "" && !monthPattern.MatchString(page.Month) {
		params.Add("month", "invalid_month", "月份格式应为 2026-12。")
	}
	page.FollowUps = params.Choice("follow_up", "待整改", func(v string) bool { return v == "0" || v == "1" }, []string{"0", "1"}) == "1"
	err := params.Err()
	var total int
	if err == nil {
		page.Ratings, total, err = s.Cases.Ratings(r.Context(), firstset.RatingFilter{Month: page.Month,
			FollowUps: page.FollowUps, Offset: (n - 1) * per, Limit: per})
	}
	if err == nil {
		page.Summaries, err = s.Cases.RatingSummaries(r.Context())
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	page.Pagination = forms.NewPagination(r.URL, n, per, total)
	page.CanAnswer = firstset.CheckManageRecognition(httpx.ActorOf(r)) == nil
	s.render(w, r, status, "rating_list", "好差评", page)
}
