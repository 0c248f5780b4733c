package ui

import (
	"fmt"
	"testing"

	"firstset/tender"
)

// TestCutLineSplitsOverlappingQuotes checks the marks when two quotes
// overlap: each stretch names exactly the findings covering it, and each
// finding's link follows the stretch where its quote ends.
func TestCutLineSplitsOverlappingQuotes(t *testing.T) {
	findings := []tender.Finding{
		{Rule: tender.Brand, Severity: tender.Medium, Line: 1, Start: 2, End: 6},
		{Rule: tender.Regional, Severity: tender.High, Line: 1, Start: 4, End: 8},
	}
	line := cutLine(1, "须为甲乙丙丁本地企业", findings, []quoteSpan{{0, 2, 6}, {1, 4, 8}}, false)
	type seg struct {
		Text     string
		Findings string
		Severity tender.Severity
		Ends     string
	}
	var got []seg
	for _, s := range line.Segments {
		got = append(got, seg{s.Text, fmt.Sprint(s.Findings), s.Severity, fmt.Sprint(s.Ends)})
	}
	want := []seg{
		{"须为", "[]", "", "[]"},
		{"甲乙", "[1]", tender.Medium, "[]"},
		{"丙丁", "[1 2]", tender.High, "[1]"},
		{"本地", "[2]", tender.High, "[2]"},
		{"企业", "[]", "", "[]"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("segments\n got %v\nwant %v", got, want)
	}
	if line.Segments[2].Title != tender.Brand.Title()+"、"+tender.Regional.Title() {
		t.Errorf("title of the overlap %q", line.Segments[2].Title)
	}
}
