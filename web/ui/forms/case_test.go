package forms

import (
	"net/url"
	"testing"

	"firstset"
)

func TestActionInputNeedsTheConfirmationOfIrreversibleActions(t *testing.T) {
	for _, tc := range []struct {
		v       url.Values
		problem string
	}{
		{url.Values{}, "action"},
		{url.Values{"action": {"submit"}}, "confirm"},
		{url.Values{"action": {"reject"}, "confirm": {"1"}}, ""},
		{url.Values{"action": {"approve"}}, ""},
		{url.Values{"action": {"return"}, "items": {"检测报告过期\r\n\r\n  营业执照不清晰 "}}, ""},
	} {
		var p firstset.Problems
		in := ActionInputFrom(tc.v, &p)
		switch {
		case tc.problem == "" && len(p) > 0:
			t.Errorf("%v: problems %v", tc.v, p)
		case tc.problem != "" && !p.Has(tc.problem):
			t.Errorf("%v: no problem with %s: %v", tc.v, tc.problem, p)
		}
		if in.Action == "return" && (len(in.Items) != 2 || in.Items[1] != "营业执照不清晰") {
			t.Errorf("items %q", in.Items)
		}
	}
}

func TestCalendarFormReadsOneDayALine(t *testing.T) {
	var p firstset.Problems
	year, days := CalendarFrom(url.Values{"year": {"2027"}, "confirm": {"1"},
		"days": {"2027-01-01 休 元旦\n\n2027-02-07 班 春节 调休\n"}}, &p)
	if len(p) > 0 || year != 2027 || len(days) != 2 || days[0].Work || !days[1].Work || days[1].Name != "春节 调休" {
		t.Fatalf("year %d, days %+v, problems %v", year, days, p)
	}
	if got := CalendarText(days); got != "2027-01-01 休 元旦\n2027-02-07 班 春节 调休\n" {
		t.Errorf("written back as %q", got)
	}
	for _, bad := range []string{"2027-01-01 元旦", "2027-01-32 休 元旦", "2027-01-01 假 元旦", "2028-01-01 休 元旦"} {
		var p firstset.Problems
		CalendarFrom(url.Values{"year": {"2027"}, "confirm": {"1"}, "days": {bad}}, &p)
		if !p.Has("days") {
			t.Errorf("%q: no problem with days", bad)
		}
	}
}

func TestScoreInputNeedsEveryCriterion(t *testing.T) {
	criteria := []firstset.Criterion{{ID: "a", Name: "甲"}, {ID: "b", Name: "乙"}}
	var p firstset.Problems
	in := ScoreInputFrom(url.Values{"criteria.a": {"90"}, "criteria.b": {"九十"}}, criteria, &p)
	if !p.Has("criteria.b") || in.Criteria["a"] != 90 {
		t.Errorf("problems %v, sheet %v", p, in.Criteria)
	}
	p = nil
	ScoreInputFrom(url.Values{"criteria.a": {"90"}}, criteria, &p)
	if !p.Has("criteria.b") {
		t.Errorf("a blank criterion is not a problem: %v", p)
	}
}
