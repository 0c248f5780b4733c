// Package workday counts working days on China's official calendar:
// Saturdays and Sundays off, public holidays off, and the make-up working
// days (调休) the State Council's yearly notice moves onto weekends. The
// calendar is data (the platform keeps it in the database, editable year
// by year); this package only reads it, with no I/O. A question about a
// year the data does not cover is refused, never guessed.
package workday

import (
	"fmt"
	"time"

	"firstset/date"
)

// Day is an exception to the weekend rule: a holiday (Work false) or a
// make-up working day (Work true).
type Day struct {
	Date date.Date `json:"date"`
	Work bool      `json:"work"`
	Name string    `json:"name"` // the holiday it belongs to: 春节
}

// Calendar is the working-day calendar of the years it covers.
type Calendar struct {
	years map[int]bool
	days  map[date.Date]Day
}

// NoDataError is a question about a day of a year the calendar has no
// data for.
type NoDataError struct{ Year int }

func (e *NoDataError) Error() string {
	return fmt.Sprintf("尚无 %d 年的节假日安排，无法计算工作日；请管理员先录入该年的放假和调休安排。", e.Year)
}

// New builds a calendar covering years from the exceptions days. A day
// outside those years, listed twice, or a make-up working day that is not
// a weekend day is refused: each would be a mistake in the data.
func New(years []int, days []Day) (*Calendar, error) {
	c := &Calendar{years: map[int]bool{}, days: map[date.Date]Day{}}
	for _, y := range years {
		c.years[y] = true
	}
	for _, d := range days {
		y, _, _ := d.Date.Parts()
		switch {
		case d.Date.IsZero():
			return nil, fmt.Errorf("节假日数据中有空日期")
		case !c.years[y]:
			return nil, fmt.Errorf("%s 不在所列年份内", d.Date)
		case c.has(d.Date):
			return nil, fmt.Errorf("%s 重复列出", d.Date)
		case d.Work && !weekend(d.Date):
			return nil, fmt.Errorf("%s 是工作日，不必列为调休上班", d.Date)
		}
		c.days[d.Date] = d
	}
	return c, nil
}

func (c *Calendar) has(d date.Date) bool { _, ok := c.days[d]; return ok }

func weekend(d date.Date) bool {
	wd := d.Time().Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// IsWorkday reports whether d is a working day.
func (c *Calendar) IsWorkday(d date.Date) (bool, error) {
	y, _, _ := d.Parts()
	if !c.years[y] {
		return false, &NoDataError{Year: y}
	}
	if ex, ok := c.days[d]; ok {
		return ex.Work, nil
	}
	return !weekend(d), nil
}

// Deadline is the last day of a period of n working days that starts on
// start, counted with start as day 1 when it is a working day (else from
// the next working day): 公示 of 5 working days from a Monday ends on the
// Friday. n must be at least 1.
func (c *Calendar) Deadline(start date.Date, n int) (date.Date, error) {
	if n < 1 {
		return date.Date{}, fmt.Errorf("工作日数须至少为 1，而非 %d", n)
	}
	d := start
	for counted := 0; ; d = d.AddDays(1) {
		work, err := c.IsWorkday(d)
		if err != nil {
			return date.Date{}, err
		}
		if work {
			counted++
			if counted == n {
				return d, nil
			}
		}
	}
}

// Between counts the working days from start to end, both included; zero
// when end is before start.
func (c *Calendar) Between(start, end date.Date) (int, error) {
	n := 0
	for d := start; !d.After(end); d = d.AddDays(1) {
		work, err := c.IsWorkday(d)
		if err != nil {
			return 0, err
		}
		if work {
			n++
		}
	}
	return n, nil
}
