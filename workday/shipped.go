package workday

import "firstset/date"

// ShippedYears are the years whose arrangement ships with the platform,
// from the State Council General Office's notices on the holiday
// arrangements (国务院办公厅关于2024年、2025年、2026年部分节假日安排的通知).
var ShippedYears = []int{2024, 2025, 2026}

// shipped lists, per holiday, its days off (from, to, inclusive) and its
// make-up working days.
var shipped = []struct {
	name     string
	from, to string
	makeUp   []string
}{
	// 2024
	{"元旦", "2024-01-01", "2024-01-01", nil},
	{"春节", "2024-02-10", "2024-02-17", []string{"2024-02-04", "2024-02-18"}},
	{"清明节", "2024-04-04", "2024-04-06", []string{"2024-04-07"}},
	{"劳动节", "2024-05-01", "2024-05-05", []string{"2024-04-28", "2024-05-11"}},
	{"端午节", "2024-06-08", "2024-06-10", nil},
	{"中秋节", "2024-09-15", "2024-09-17", []string{"2024-09-14"}},
	{"国庆节", "2024-10-01", "2024-10-07", []string{"2024-09-29", "2024-10-12"}},
	// 2025
	{"元旦", "2025-01-01", "2025-01-01", nil},
	{"春节", "2025-01-28", "2025-02-04", []string{"2025-01-26", "2025-02-08"}},
	{"清明节", "2025-04-04", "2025-04-06", nil},
	{"劳动节", "2025-05-01", "2025-05-05", []string{"2025-04-27"}},
	{"端午节", "2025-05-31", "2025-06-02", nil},
	{"国庆节、中秋节", "2025-10-01", "2025-10-08", []string{"2025-09-28", "2025-10-11"}},
	// 2026
	{"元旦", "2026-01-01", "2026-01-03", []string{"2026-01-04"}},
	{"春节", "2026-02-15", "2026-02-23", []string{"2026-02-14", "2026-02-28"}},
	{"清明节", "2026-04-04", "2026-04-06", nil},
	{"劳动节", "2026-05-01", "2026-05-05", []string{"2026-05-09"}},
	{"端午节", "2026-06-19", "2026-06-21", nil},
	{"中秋节", "2026-09-25", "2026-09-27", nil},
	{"国庆节", "2026-10-01", "2026-10-07", []string{"2026-09-20", "2026-10-10"}},
}

// Shipped returns the days of the shipped years, in order of the notices.
func Shipped() []Day {
	var days []Day
	for _, h := range shipped {
		end := date.MustParse(h.to)
		for d := date.MustParse(h.from); !d.After(end); d = d.AddDays(1) {
			days = append(days, Day{Date: d, Name: h.name})
		}
		for _, m := range h.makeUp {
			days = append(days, Day{Date: date.MustParse(m), Work: true, Name: h.name})
		}
	}
	return days
}

// ShippedCalendar is the calendar of the shipped years.
func ShippedCalendar() *Calendar {
	c, err := New(ShippedYears, Shipped())
	if err != nil {
		panic("workday: shipped calendar: " + err.Error())
	}
	return c
}
