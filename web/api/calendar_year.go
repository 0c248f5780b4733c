package api

import (
	"net/http"
	"strconv"

	"firstset"
)

type calendarYear struct {
	Year int                    `json:"year"`
	Days []firstset.CalendarDay `json:"days"`
}

func pathYear(r *http.Request) (int, error) {
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || y < 1 {
		return 0, firstset.NotFound("年份")
	}
	return y, nil
}

// apiCalendarYearGet lists a year's holidays and make-up working days.
func (s *Handler) apiCalendarYearGet(w http.ResponseWriter, r *http.Request) {
	y, err := pathYear(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	days, err := s.Calendar.CalendarYear(r.Context(), y)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, calendarYear{Year: y, Days: days})
}

// apiCalendarYearPut replaces a year's days (administrators).
func (s *Handler) apiCalendarYearPut(w http.ResponseWriter, r *http.Request) {
	y, err := pathYear(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in struct {
		Days []firstset.CalendarDay `json:"days"`
	}
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := s.Calendar.SetCalendarYear(r.Context(), y, in.Days); err != nil {
		s.ServeError(w, r, err)
		return
	}
	days, err := s.Calendar.CalendarYear(r.Context(), y)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, calendarYear{Year: y, Days: days})
}
