package ui

import (
	"net/http"
	"strconv"
	"strings"

	"firstset"
	"firstset/date"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleCalendarUpdate replaces a year's holidays and make-up days, after
// the confirmation.
func (s *Handler) handleCalendarUpdate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageCalendar(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	year, days := forms.CalendarFrom(r.PostForm, &problems)
	err := problems.Err()
	if err == nil {
		err = s.Calendar.SetCalendarYear(r.Context(), year, days)
	}
	if forms.IsFormError(err) {
		shown := year
		if shown < 2000 || shown > 2100 {
			shown, _, _ = date.Today().Parts()
		}
		s.renderCalendar(w, r, http.StatusUnprocessableEntity, calendarPage{Year: shown,
			Text: r.PostForm.Get("days"), Form: strings.TrimSpace(r.PostForm.Get("year")),
			Errors: forms.NewErrors(err, forms.CalendarFields...)}, false)
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/admin/calendar?year="+strconv.Itoa(year),
		strconv.Itoa(year)+" 年的节假日和调休安排已保存（"+strconv.Itoa(len(days))+" 天）。")
}
