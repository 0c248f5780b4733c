package report

import (
	"strings"
	"testing"

	"firstset/date"
)

func TestParsePeriod(t *testing.T) {
	cases := []struct {
		in, canon, label, from, to string
	}{
		{"2026Q3", "2026Q3", "2026年第三季度", "2026-07-01", "2026-09-30"},
		{"2026q1", "2026Q1", "2026年第一季度", "2026-01-01", "2026-03-31"},
		{"2026Q4", "2026Q4", "2026年第四季度", "2026-10-01", "2026-12-31"},
		{"2026", "2026", "2026年度", "2026-01-01", "2026-12-31"},
		{"2026H1", "2026H1", "2026年上半年", "2026-01-01", "2026-06-30"},
		{"2026H2", "2026H2", "2026年下半年", "2026-07-01", "2026-12-31"},
		{"2028-02", "2028-02", "2028年2月", "2028-02-01", "2028-02-29"},
		{" 2026-12 ", "2026-12", "2026年12月", "2026-12-01", "2026-12-31"},
	}
	for _, c := range cases {
		p, err := ParsePeriod(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if p.String() != c.canon || p.Label() != c.label || p.From.String() != c.from || p.To.String() != c.to {
			t.Errorf("%q = %s %s %s–%s, want %s %s %s–%s", c.in, p, p.Label(), p.From, p.To, c.canon, c.label, c.from, c.to)
		}
		if again, err := ParsePeriod(p.String()); err != nil || again != p {
			t.Errorf("%q does not round-trip: %v %v", c.in, again, err)
		}
	}
	for in, why := range map[string]string{
		"":          "too short",
		"26Q3":      "not a year",
		"202":       "too short",
		"abcd":      "not a year",
		"2026Q5":    "no number 5",
		"2026Q0":    "no number 0",
		"2026H3":    "no number 3",
		"2026-13":   "no number 13",
		"2026-7":    "malformed",
		"2026Q":     "malformed",
		"2026Q03x":  "malformed",
		"2026X1":    "unknown kind",
		"1999":      "out of range",
		"+026Q1":    "not a year",
		"2026Q３":    "malformed",
		"2026 Q3":   "unknown kind",
		"2026Q-1":   "malformed",
		"2026Q3Q3":  "malformed",
		"2026年第三季度": "unknown kind",
	} {
		_, err := ParsePeriod(in)
		if err == nil || !strings.Contains(err.Error(), why) || !strings.Contains(err.Error(), "2026Q3") {
			t.Errorf("%q: %v, want an error saying %q and showing the form", in, err, why)
		}
	}
}

func TestPeriodContains(t *testing.T) {
	p := MustPeriod("2026Q3")
	for d, want := range map[string]bool{
		"2026-06-30": false, "2026-07-01": true, "2026-08-15": true, "2026-09-30": true, "2026-10-01": false,
	} {
		if got := p.Contains(date.MustParse(d)); got != want {
			t.Errorf("%s in %s: %v", d, p, got)
		}
	}
	if p.Contains(date.Date{}) {
		t.Error("no date is in a period")
	}
	year := MustPeriod("2026")
	if !year.Covers(p) || p.Covers(year) || !p.Covers(p) || year.Covers(MustPeriod("2027Q1")) {
		t.Error("Covers")
	}
}
