package workday

import (
	"errors"
	"testing"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"

	"firstset/date"
)

// TestShippedMatchesAnIndependentSource checks every day of the shipped
// years against another compilation of the same State Council notices
// (lunar-go's holiday table): a wrong day would mislead every applicant.
func TestShippedMatchesAnIndependentSource(t *testing.T) {
	c := ShippedCalendar()
	checked := 0
	for _, y := range ShippedYears {
		for d := date.Of(y, time.January, 1); d.Before(date.Of(y+1, time.January, 1)); d = d.AddDays(1) {
			want := !weekend(d)
			if h := HolidayUtil.GetHoliday(d.String()); h != nil {
				want = h.IsWork()
			}
			got, err := c.IsWorkday(d)
			if err != nil || got != want {
				t.Errorf("%s (%s): working day %v %v, the other source says %v", d, d.Time().Weekday(), got, err, want)
			}
			checked++
		}
	}
	if checked != 365+366+365 {
		t.Fatalf("checked %d days", checked)
	}
}

func TestDeadline(t *testing.T) {
	c := ShippedCalendar()
	d := date.MustParse
	for _, tc := range []struct {
		start string
		n     int
		want  string
	}{
		{"2026-11-30", 5, "2026-12-04"}, // Monday: day 1, ends Friday
		{"2026-11-28", 5, "2026-12-04"}, // Saturday: counting starts on Monday
		{"2026-12-02", 5, "2026-12-08"}, // over a weekend
		{"2026-09-28", 5, "2026-10-09"}, // 国庆: Oct 1–7 off; Sep 28–30, Oct 8, 9
		{"2026-02-13", 2, "2026-02-14"}, // the make-up Saturday before 春节 counts
		{"2026-04-03", 1, "2026-04-03"},
	} {
		got, err := c.Deadline(d(tc.start), tc.n)
		if err != nil || got.String() != tc.want {
			t.Errorf("%s + %d: %s %v, want %s", tc.start, tc.n, got, err, tc.want)
		}
	}
	// Into a year without data: refused, naming the year.
	_, err := c.Deadline(d("2026-12-28"), 5)
	var nd *NoDataError
	if !errors.As(err, &nd) || nd.Year != 2027 {
		t.Errorf("into 2027: %v", err)
	}
	if _, err := c.Deadline(d("2026-12-28"), 0); err == nil {
		t.Error("zero working days accepted")
	}
	if n, err := c.Between(d("2026-10-01"), d("2026-10-11")); err != nil || n != 3 {
		t.Errorf("working days Oct 1–11 (8, 9 and the make-up 10th): %d %v", n, err)
	}
}

func TestNewRefusesBadData(t *testing.T) {
	d := date.MustParse
	for name, days := range map[string][]Day{
		"outside the years": {{Date: d("2027-01-01")}},
		"twice":             {{Date: d("2026-01-01")}, {Date: d("2026-01-01")}},
		"make-up weekday":   {{Date: d("2026-01-05"), Work: true}},
		"empty date":        {{}},
	} {
		if _, err := New([]int{2026}, days); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
}
