package sqlstore

import (
	"context"
	"fmt"
	"time"

	"firstset"
	"firstset/date"
)

// CalendarYears lists the years the calendar covers, in order.
func (t *Tx) CalendarYears(ctx context.Context) ([]int, error) {
	rows, err := t.Query(ctx, `SELECT year FROM calendar_years ORDER BY year`)
	if err != nil {
		return nil, t.wrap("list calendar years", err)
	}
	defer rows.Close()
	years := []int{}
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, t.wrap("scan calendar year", err)
		}
		years = append(years, y)
	}
	return years, t.wrap("list calendar years", rows.Err())
}

// CalendarDays lists every holiday and make-up working day, by date.
func (t *Tx) CalendarDays(ctx context.Context) ([]firstset.CalendarDay, error) {
	rows, err := t.Query(ctx, `SELECT day, work, name FROM calendar_days ORDER BY day`)
	if err != nil {
		return nil, t.wrap("list calendar days", err)
	}
	defer rows.Close()
	days := []firstset.CalendarDay{}
	for rows.Next() {
		var d firstset.CalendarDay
		if err := rows.Scan(&d.Date, &d.Work, &d.Name); err != nil {
			return nil, t.wrap("scan calendar day", err)
		}
		days = append(days, d)
	}
	return days, t.wrap("list calendar days", rows.Err())
}

// PutCalendarYear replaces year's days with days and marks the year
// covered. A day outside year, or one listed twice, is EINVALID on "days"
// and nothing is written; whether the days make a sound calendar is the
// services' to check (workday.New).
func (t *Tx) PutCalendarYear(ctx context.Context, year int, days []firstset.CalendarDay) error {
	first, last := date.Of(year, time.January, 1), date.Of(year, time.December, 31)
	seen := make(map[date.Date]bool, len(days))
	for _, d := range days {
		if d.Date.Before(first) || d.Date.After(last) {
			return firstset.FieldErrorf("days", "outside_year", "%s 不在 %d 年内。", dayText(d.Date), year)
		}
		if seen[d.Date] {
			return firstset.FieldErrorf("days", "duplicate_day", "%s 重复列出。", d.Date)
		}
		seen[d.Date] = true
	}
	if _, err := t.Exec(ctx, `DELETE FROM calendar_days WHERE day >= ? AND day <= ?`, first, last); err != nil {
		return t.wrap(fmt.Sprintf("clear calendar %d", year), err)
	}
	const perStatement = 300
	for rest := days; len(rest) > 0; {
		n := min(len(rest), perStatement)
		args := make([]any, 0, 3*n)
		for _, d := range rest[:n] {
			args = append(args, d.Date, d.Work, d.Name)
		}
		if _, err := t.Exec(ctx, `INSERT INTO calendar_days (day, work, name) VALUES `+
			ValueRows(n, "(?, ?, ?)"), args...); err != nil {
			return t.wrap(fmt.Sprintf("store calendar %d", year), err)
		}
		rest = rest[n:]
	}
	_, err := t.Exec(ctx, `INSERT INTO calendar_years (year) VALUES (?) ON CONFLICT DO NOTHING`, year)
	return t.wrap(fmt.Sprintf("cover calendar year %d", year), err)
}

// dayText is a day as the refusal names it ("空日期" for none).
func dayText(d date.Date) string {
	if d.IsZero() {
		return "空日期"
	}
	return d.String()
}
