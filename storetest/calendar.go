package storetest

import (
	"context"
	"slices"
	"testing"

	"firstset"
	"firstset/date"
	"firstset/workday"
)

// calendarTests check the CalendarStore contract.
var calendarTests = []test{
	{"ShippedCalendar", testShippedCalendar},
	{"PutCalendarYear", testPutCalendarYear},
}

func calendar(t *testing.T, s firstset.Store) ([]int, []firstset.CalendarDay) {
	t.Helper()
	var years []int
	var days []firstset.CalendarDay
	view(t, s, func(tx firstset.Tx) (err error) {
		if years, err = tx.CalendarYears(context.Background()); err != nil {
			return err
		}
		days, err = tx.CalendarDays(context.Background())
		return err
	})
	return years, days
}

// shippedDays is workday.Shipped() as the store holds it, by date.
func shippedDays() []firstset.CalendarDay {
	var days []firstset.CalendarDay
	for _, d := range workday.Shipped() {
		days = append(days, firstset.CalendarDay{Date: d.Date, Work: d.Work, Name: d.Name})
	}
	slices.SortFunc(days, func(a, b firstset.CalendarDay) int { return a.Date.Compare(b.Date) })
	return days
}

// testShippedCalendar: a new store holds the shipped years and every one
// of their days exactly as package workday ships them.
func testShippedCalendar(t *testing.T, s firstset.Store) {
	years, days := calendar(t, s)
	same(t, "shipped years", years, workday.ShippedYears)
	want := shippedDays()
	if len(days) != len(want) {
		t.Fatalf("%d shipped days, want %d", len(days), len(want))
	}
	for i := range want {
		if days[i] != want[i] {
			t.Fatalf("day %d is %+v, want %+v", i, days[i], want[i])
		}
	}
}

func testPutCalendarYear(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	d := date.MustParse
	y2027 := []firstset.CalendarDay{
		{Date: d("2027-02-06"), Work: false, Name: "春节"},
		{Date: d("2027-01-01"), Work: false, Name: "元旦"},
		{Date: d("2027-02-20"), Work: true, Name: "春节"},
		{Date: d("2027-12-31"), Work: false, Name: "测试"},
	}
	update(t, s, func(tx firstset.Tx) error { return tx.PutCalendarYear(ctx, 2027, y2027) })
	years, days := calendar(t, s)
	same(t, "years", years, []int{2024, 2025, 2026, 2027})
	sorted := slices.Clone(y2027)
	slices.SortFunc(sorted, func(a, b firstset.CalendarDay) int { return a.Date.Compare(b.Date) })
	same(t, "days", days, append(shippedDays(), sorted...))

	// Putting a year again replaces its days, and only its.
	again := []firstset.CalendarDay{{Date: d("2027-10-01"), Name: "国庆节"}}
	update(t, s, func(tx firstset.Tx) error { return tx.PutCalendarYear(ctx, 2027, again) })
	years, days = calendar(t, s)
	same(t, "years after again", years, []int{2024, 2025, 2026, 2027})
	same(t, "days after again", days, append(shippedDays(), again...))

	// A year may be emptied and stays covered: weekends alone.
	update(t, s, func(tx firstset.Tx) error { return tx.PutCalendarYear(ctx, 2024, nil) })
	years, days = calendar(t, s)
	same(t, "years after emptying 2024", years, []int{2024, 2025, 2026, 2027})
	var rest []firstset.CalendarDay
	for _, x := range shippedDays() {
		if y, _, _ := x.Date.Parts(); y != 2024 {
			rest = append(rest, x)
		}
	}
	same(t, "days after emptying 2024", days, append(rest, again...))

	// A day outside the year, or listed twice, is refused; nothing changes.
	for _, bad := range [][]firstset.CalendarDay{
		{{Date: d("2028-01-01"), Name: "元旦"}, {Date: d("2029-01-01"), Name: "元旦"}},
		{{Date: d("2028-05-01"), Name: "劳动节"}, {Date: d("2027-12-31"), Name: "跨年"}},
		{{Date: d("2028-05-01"), Name: "劳动节"}, {Date: d("2028-05-01"), Name: "劳动节"}},
		{{Name: "空"}},
	} {
		err := s.Update(ctx, func(tx firstset.Tx) error { return tx.PutCalendarYear(ctx, 2028, bad) })
		wantCode(t, err, firstset.EINVALID, "days")
	}
	years, days = calendar(t, s)
	same(t, "years after refusals", years, []int{2024, 2025, 2026, 2027})
	same(t, "days after refusals", days, append(rest, again...))
}
