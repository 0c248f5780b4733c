package web

import (
	"encoding/json"
	"slices"
	"strings"

	"firstset"
	"firstset/tender"
	"firstset/tender/extract"
)

// tenderPage is what the tender checker's page shows: the form, and after
// a check its result.
type tenderPage struct {
	Errors         formErrors
	Text           string
	ProductID      int64
	Insured        bool
	ProductQuery   string
	ProductChoices []firstset.CatalogItem
	MaxUpload      string
	Result         *tenderResult
}

// tenderResult is one checked document laid out for reading.
type tenderResult struct {
	Name     string // file name, or empty for pasted text
	Unit     string // 行, or 段 for a .docx, whose lines are paragraphs
	Report   *tender.Report
	Lines    []tenderLine
	Findings []tenderFindingView
	Summary  []tenderRuleCount
	// LinesJSON carries the text to the export form, which checks it again
	// (see handleTenderExport).
	LinesJSON string
	ProductID int64
	Insured   bool
}

// tenderLine is one line of the document cut where findings start and end.
type tenderLine struct {
	Number   int
	Segments []tenderSegment
	Flagged  bool
}

// tenderSegment is a stretch of a line covered by the same findings.
type tenderSegment struct {
	Text string
	// Findings covering the stretch, by number; empty for plain text.
	Findings []int
	Title    string          // the covering rules' titles, for the mark's tooltip
	Severity tender.Severity // the most severe of them, for its colour
	// Findings whose quote ends here, linked after the mark.
	Ends []int
}

type tenderFindingView struct {
	Number int
	tender.Finding
	Title         string
	SeverityLabel string
}

type tenderRuleCount struct {
	Rule              tender.RuleID
	Title             string
	Count             int
	High, Medium, Low int
	First             int // number of the rule's first finding, for a link
}

var tenderSeverityLabels = map[tender.Severity]string{tender.High: "高", tender.Medium: "中", tender.Low: "低"}

var severityRank = map[tender.Severity]int{tender.High: 3, tender.Medium: 2, tender.Low: 1}

func newTenderResult(sub *tenderSubmission, rep *tender.Report) *tenderResult {
	res := &tenderResult{Name: sub.Name, Unit: "行", Report: rep, ProductID: sub.ProductID, Insured: sub.Insured}
	if sub.Format == extract.DOCX {
		res.Unit = "段"
	}
	linesJSON, _ := json.Marshal(sub.Lines) // a []string always encodes
	res.LinesJSON = string(linesJSON)

	byLine := map[int][]int{} // line → indexes into rep.Findings
	counts := map[tender.RuleID]*tenderRuleCount{}
	for i, f := range rep.Findings {
		res.Findings = append(res.Findings, tenderFindingView{Number: i + 1, Finding: f,
			Title: f.Rule.Title(), SeverityLabel: tenderSeverityLabels[f.Severity]})
		byLine[f.Line] = append(byLine[f.Line], i)
		c := counts[f.Rule]
		if c == nil {
			c = &tenderRuleCount{Rule: f.Rule, Title: f.Rule.Title(), First: i + 1}
			counts[f.Rule] = c
		}
		c.Count++
		switch f.Severity {
		case tender.High:
			c.High++
		case tender.Medium:
			c.Medium++
		default:
			c.Low++
		}
	}
	for _, r := range tender.Rules {
		if c := counts[r]; c != nil {
			res.Summary = append(res.Summary, *c)
		}
	}
	for i, text := range sub.Lines {
		res.Lines = append(res.Lines, cutLine(i+1, text, rep.Findings, byLine[i+1]))
	}
	return res
}

// cutLine splits a line at every start and end of its findings' quotes,
// so each stretch is marked with exactly the findings that cover it and
// overlapping quotes need no nested marks. Offsets are runes (see
// tender.Finding).
func cutLine(number int, text string, findings []tender.Finding, onLine []int) tenderLine {
	line := tenderLine{Number: number, Flagged: len(onLine) > 0}
	runes := []rune(text)
	if len(onLine) == 0 {
		line.Segments = []tenderSegment{{Text: text}}
		return line
	}
	clamp := func(n int) int { return max(0, min(n, len(runes))) }
	cuts := []int{0, len(runes)}
	for _, i := range onLine {
		cuts = append(cuts, clamp(findings[i].Start), clamp(findings[i].End))
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	for k := 0; k+1 < len(cuts); k++ {
		from, to := cuts[k], cuts[k+1]
		seg := tenderSegment{Text: string(runes[from:to])}
		var titles []string
		for _, i := range onLine {
			f := findings[i]
			if clamp(f.Start) <= from && clamp(f.End) >= to {
				seg.Findings = append(seg.Findings, i+1)
				titles = append(titles, f.Rule.Title())
				if severityRank[f.Severity] > severityRank[seg.Severity] {
					seg.Severity = f.Severity
				}
			}
			if clamp(f.End) == to {
				seg.Ends = append(seg.Ends, i+1)
			}
		}
		seg.Title = strings.Join(slices.Compact(titles), "、")
		line.Segments = append(line.Segments, seg)
	}
	return line
}
