package ui

import (
	"net/http"
	"strconv"

	"firstset"
	"firstset/date"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// calendarPage is the working-day calendar: the years it covers, one
// year's holidays and make-up days, and the form that replaces a year.
type calendarPage struct {
	Years  []int
	Year   int
	Days   []firstset.CalendarDay
	Text   string // the form's lines
	Form   string // the year the form holds
	Errors forms.Errors
}

// handleCalendarShow shows the calendar to administrators, one year at a
// time (?year=, this year by default).
func (s *Handler) handleCalendarShow(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageCalendar(httpx.ActorOf(r))) {
		return
	}
	this, _, _ := date.Today().Parts()
	params := httpx.NewQueryReader(r)
	year := params.Number("year", "年份", 2000, 2100, this)
	if err := params.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.renderCalendar(w, r, http.StatusOK, calendarPage{Year: year}, true)
}

// renderCalendar reads the years covered and year p.Year's days and shows
// the page; fill puts those days in the form.
func (s *Handler) renderCalendar(w http.ResponseWriter, r *http.Request, status int, p calendarPage, fill bool) {
	ctx := r.Context()
	years, err := s.Calendar.CalendarYears(ctx)
	var days []firstset.CalendarDay
	if err == nil {
		days, err = s.Calendar.CalendarYear(ctx, p.Year)
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	p.Years, p.Days = years, days
	if fill {
		p.Text, p.Form = forms.CalendarText(days), strconv.Itoa(p.Year)
	}
	s.render(w, r, status, "calendar", "工作日历", p)
}
