package service

import (
	"context"
	"errors"
	"sync"
	"time"

	"firstset"
	"firstset/date"
	"firstset/workday"
)

// Calendar answers working-day questions from the calendar in the
// database and lets administrators keep it.
type Calendar struct{ *env }

var _ firstset.CalendarService = (*Calendar)(nil)

// calendarCache keeps the calendar read from the database for a while:
// it changes once a year, and every deadline asks it.
type calendarCache struct {
	mu   sync.Mutex
	cal  *workday.Calendar
	read time.Time
}

// calendarTTL bounds how stale another instance's edit can be here.
const calendarTTL = time.Minute

// calendar returns the working-day calendar, read through tx when the
// cached one is stale.
func (s *env) calendar(ctx context.Context, tx firstset.Tx) (*workday.Calendar, error) {
	s.cal.mu.Lock()
	defer s.cal.mu.Unlock()
	if s.cal.cal != nil && time.Since(s.cal.read) < calendarTTL {
		return s.cal.cal, nil
	}
	years, err := tx.CalendarYears(ctx)
	if err != nil {
		return nil, err
	}
	days, err := tx.CalendarDays(ctx)
	if err != nil {
		return nil, err
	}
	cal, err := workday.New(years, toWorkdays(days))
	if err != nil {
		return nil, err
	}
	s.cal.cal, s.cal.read = cal, time.Now()
	return cal, nil
}

func toWorkdays(days []firstset.CalendarDay) []workday.Day {
	out := make([]workday.Day, len(days))
	for i, d := range days {
		out[i] = workday.Day{Date: d.Date, Work: d.Work, Name: d.Name}
	}
	return out
}

// MaxWorkingDays bounds a working-day question.
const MaxWorkingDays = 366

// WorkingDays is the last day of a period of n working days from from.
func (s *Calendar) WorkingDays(ctx context.Context, from date.Date, n int) (date.Date, error) {
	var p firstset.Problems
	if from.IsZero() {
		p.Add("from", "required", "请填写起始日期。")
	}
	if n < 1 || n > MaxWorkingDays {
		p.Add("days", "out_of_range", "工作日天数须为 1 至 %d。", MaxWorkingDays)
	}
	if err := p.Err(); err != nil {
		return date.Date{}, err
	}
	var end date.Date
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		end, err = s.deadline(ctx, tx, from, n)
		return err
	})
	var nd *noCalendarError
	if errors.As(err, &nd) {
		return date.Date{}, firstset.FieldErrorf("days", "no_calendar", "%s", nd.err.Error())
	}
	return end, err
}

// CalendarYears lists the years the calendar covers.
func (s *Calendar) CalendarYears(ctx context.Context) ([]int, error) {
	var years []int
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		years, err = tx.CalendarYears(ctx)
		return err
	})
	return years, err
}

// CalendarYear lists a year's holidays and make-up days.
func (s *Calendar) CalendarYear(ctx context.Context, year int) ([]firstset.CalendarDay, error) {
	var out []firstset.CalendarDay
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		days, err := tx.CalendarDays(ctx)
		for _, d := range days {
			if y, _, _ := d.Date.Parts(); y == year {
				out = append(out, d)
			}
		}
		return err
	})
	if out == nil {
		out = []firstset.CalendarDay{}
	}
	return out, err
}

// SetCalendarYear replaces a year's holidays and make-up days.
func (s *Calendar) SetCalendarYear(ctx context.Context, year int, days []firstset.CalendarDay) error {
	a := actor(ctx)
	if err := firstset.CheckManageCalendar(a); err != nil {
		return err
	}
	if year < 2000 || year > 2100 {
		return firstset.FieldErrorf("year", "out_of_range", "年份须在 2000 至 2100 之间。")
	}
	var p firstset.Problems
	if len(days) == 0 {
		p.Add("days", "required", "请录入该年的放假和调休安排（至少一天）。")
	}
	for i := range days {
		days[i].Name = clean(days[i].Name)
		requireText(&p, "days", "节日名称", days[i].Name, 20)
	}
	if err := p.Err(); err != nil {
		return err
	}
	if _, err := workday.New([]int{year}, toWorkdays(days)); err != nil {
		return firstset.FieldErrorf("days", "invalid_calendar", "%s", err.Error())
	}
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.CalendarDays(ctx)
		if err != nil {
			return err
		}
		var before []firstset.CalendarDay
		for _, d := range old {
			if y, _, _ := d.Date.Parts(); y == year {
				before = append(before, d)
			}
		}
		if err := tx.PutCalendarYear(ctx, year, days); err != nil {
			return err
		}
		return s.record(ctx, tx, "update", "calendar", int64(year), before, days)
	})
	if err == nil {
		s.cal.mu.Lock()
		s.cal.cal = nil
		s.cal.mu.Unlock()
	}
	return err
}
