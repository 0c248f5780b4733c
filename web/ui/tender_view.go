package ui

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"firstset"
	"firstset/tender"
	"firstset/tender/extract"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// tenderPage is what the tender checker's page shows: the form, and after
// a check its result.
type tenderPage struct {
	Errors         forms.Errors
	Text           string
	ProductID      int64
	Insured        bool
	ProductQuery   string
	ProductChoices []firstset.CatalogItem
	// FileDropped says a file was chosen when the product search was
	// pressed: a browser cannot put it back in the form.
	FileDropped bool
	MaxUpload   string
	Result      *tenderResult
}

// tenderResult is one checked document laid out for reading.
type tenderResult struct {
	Name   string // file name, or empty for pasted text
	Unit   string // 行, or 段 for a .docx, whose lines are paragraphs
	Report *tender.Report
	// Lines are the lines shown: all of a short document, only the flagged
	// ones of a long one (Excerpt), each cut short around its marks.
	Lines     []tenderLine
	Excerpt   bool
	LineCount int
	Findings  []tenderFindingView
	Summary   []tenderRuleCount
	// Packed carries the text to the export form, which checks it again
	// (see handleTenderExport): JSON lines, deflated, in base64.
	Packed    string
	ProductID int64
	Insured   bool
}

// tenderLine is one line of the document cut where findings start and end.
type tenderLine struct {
	Number   int
	Segments []tenderSegment
	Flagged  bool
	// Skipped counts the lines left out just before this one (Excerpt).
	Skipped int
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
	// RepeatLines are the lines of the next few places; MorePlaces counts
	// the places beyond them.
	RepeatLines []int
	MorePlaces  int
}

type tenderRuleCount struct {
	Rule              tender.RuleID
	Title             string
	Count             int // places flagged, listed or not
	High, Medium, Low int // places of the listed findings, by severity
	Omitted           int // places not listed (over the cap)
	First             int // number of the rule's first finding, for a link; 0 if none is listed
}

var tenderSeverityLabels = map[tender.Severity]string{tender.High: "高", tender.Medium: "中", tender.Low: "低"}

var severityRank = map[tender.Severity]int{tender.High: 3, tender.Medium: 2, tender.Low: 1}

// A document up to these sizes is shown whole; a longer one by its flagged
// lines only: those of the listed findings and their few listed repeats
// (tender.DefaultMaxFindings of them at most), each clipped around its
// marks. The page then stays near a megabyte of text for any document
// (docs/BENCHMARKS.md, "Hostile tender uploads").
const (
	fullViewLines = 20_000
	fullViewBytes = 1 << 20
	// clipRunes of plain text are kept on each side of a mark in an
	// excerpt; the rest of a long line is left out.
	clipRunes = 60
)

// quoteSpan is one place of one finding on a line.
type quoteSpan struct {
	finding    int // index into the report's findings
	start, end int // runes
}

func newTenderResult(sub *httpx.TenderSubmission, rep *tender.Report) (*tenderResult, error) {
	res := &tenderResult{Name: sub.Name, Unit: "行", Report: rep, ProductID: sub.ProductID, Insured: sub.Insured,
		LineCount: len(sub.Lines)}
	if sub.Format == extract.DOCX {
		res.Unit = "段"
	}
	packed, err := packLines(sub.Lines)
	if err != nil {
		return nil, err
	}
	res.Packed = packed

	byLine := map[int][]quoteSpan{}
	counts := map[tender.RuleID]*tenderRuleCount{}
	count := func(r tender.RuleID) *tenderRuleCount {
		c := counts[r]
		if c == nil {
			c = &tenderRuleCount{Rule: r, Title: r.Title()}
			counts[r] = c
		}
		return c
	}
	for i, f := range rep.Findings {
		view := tenderFindingView{Number: i + 1, Finding: f, Title: f.Rule.Title(),
			SeverityLabel: tenderSeverityLabels[f.Severity], MorePlaces: max(0, f.Count-1-len(f.Repeats))}
		byLine[f.Line] = append(byLine[f.Line], quoteSpan{i, f.Start, f.End})
		for _, p := range f.Repeats {
			view.RepeatLines = append(view.RepeatLines, p.Line)
			byLine[p.Line] = append(byLine[p.Line], quoteSpan{i, p.Start, p.End})
		}
		res.Findings = append(res.Findings, view)
		c := count(f.Rule)
		if c.First == 0 {
			c.First = i + 1
		}
		c.Count += f.Count
		switch f.Severity {
		case tender.High:
			c.High += f.Count
		case tender.Medium:
			c.Medium += f.Count
		default:
			c.Low += f.Count
		}
	}
	for r, n := range rep.OmittedByRule {
		c := count(r)
		c.Count += n
		c.Omitted += n
	}
	for _, r := range tender.Rules {
		if c := counts[r]; c != nil {
			res.Summary = append(res.Summary, *c)
		}
	}

	size := 0
	for _, l := range sub.Lines {
		size += len(l) + 1
	}
	res.Excerpt = len(sub.Lines) > fullViewLines || size > fullViewBytes
	if !res.Excerpt {
		for i, text := range sub.Lines {
			res.Lines = append(res.Lines, cutLine(i+1, text, rep.Findings, byLine[i+1], false))
		}
		return res, nil
	}
	flagged := make([]int, 0, len(byLine))
	for n := range byLine {
		flagged = append(flagged, n)
	}
	slices.Sort(flagged)
	last := 0
	for _, n := range flagged {
		if n < 1 || n > len(sub.Lines) {
			continue
		}
		line := cutLine(n, sub.Lines[n-1], rep.Findings, byLine[n], true)
		line.Skipped = n - last - 1
		res.Lines = append(res.Lines, line)
		last = n
	}
	return res, nil
}

// cutLine splits a line at every start and end of its findings' quotes,
// so each stretch is marked with exactly the findings that cover it and
// overlapping quotes need no nested marks. Offsets are runes (see
// tender.Finding). With clip, plain stretches keep only clipRunes next to
// each mark.
func cutLine(number int, text string, findings []tender.Finding, spans []quoteSpan, clip bool) tenderLine {
	line := tenderLine{Number: number, Flagged: len(spans) > 0}
	if len(spans) == 0 {
		line.Segments = []tenderSegment{{Text: text}}
		return line
	}
	runes := []rune(text)
	clamp := func(n int) int { return max(0, min(n, len(runes))) }
	cuts := []int{0, len(runes)}
	for _, sp := range spans {
		cuts = append(cuts, clamp(sp.start), clamp(sp.end))
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	for k := 0; k+1 < len(cuts); k++ {
		from, to := cuts[k], cuts[k+1]
		seg := tenderSegment{Text: string(runes[from:to])}
		var titles []string
		for _, sp := range spans {
			f := findings[sp.finding]
			if clamp(sp.start) <= from && clamp(sp.end) >= to {
				if !slices.Contains(seg.Findings, sp.finding+1) {
					seg.Findings = append(seg.Findings, sp.finding+1)
					titles = append(titles, f.Rule.Title())
				}
				if severityRank[f.Severity] > severityRank[seg.Severity] {
					seg.Severity = f.Severity
				}
			}
			if clamp(sp.end) == to && !slices.Contains(seg.Ends, sp.finding+1) {
				seg.Ends = append(seg.Ends, sp.finding+1)
			}
		}
		seg.Title = strings.Join(slices.Compact(titles), "、")
		if clip && len(seg.Findings) == 0 {
			seg.Text = clipPlain(runes[from:to], from == 0, to == len(runes))
		}
		line.Segments = append(line.Segments, seg)
	}
	return line
}

// clipPlain shortens unmarked text to what stands next to the marks.
func clipPlain(r []rune, lineStart, lineEnd bool) string {
	switch {
	case len(r) <= 2*clipRunes:
		return string(r)
	case lineStart && lineEnd:
		return string(r[:clipRunes]) + "……"
	case lineStart:
		return "……" + string(r[len(r)-clipRunes:])
	case lineEnd:
		return string(r[:clipRunes]) + "……"
	}
	return string(r[:clipRunes]) + "……" + string(r[len(r)-clipRunes:])
}

// packLines encodes a document's lines for the export form: JSON (with
// <, > and & as themselves), deflated, in base64. A tender's text
// shrinks to about half, a repetitive one to almost nothing.
func packLines(lines []string) (string, error) {
	var out bytes.Buffer
	b64 := base64.NewEncoder(base64.StdEncoding, &out)
	zw, err := flate.NewWriter(b64, flate.BestSpeed)
	if err != nil {
		return "", fmt.Errorf("pack lines: %w", err)
	}
	enc := json.NewEncoder(zw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(lines); err != nil {
		return "", fmt.Errorf("pack lines: %w", err)
	}
	if err := zw.Close(); err != nil {
		return "", fmt.Errorf("pack lines: %w", err)
	}
	if err := b64.Close(); err != nil {
		return "", fmt.Errorf("pack lines: %w", err)
	}
	return out.String(), nil
}

// errDamagedExport is what a person is told about export data that does
// not decode: the page it came from was changed or cut short.
var errDamagedExport = firstset.FieldErrorf("packed", firstset.EINVALID, "导出内容缺失或已损坏，请重新检查后再导出。")

// unpackLines reverses packLines. It decodes the JSON one line at a time
// and applies the document limits as it goes (lines, text, characters per
// line), so that a small field that inflates to millions of empty lines is
// refused before it is held in memory.
func unpackLines(packed string, lim extract.Limits) ([]string, error) {
	// Every character escaped (6 bytes) plus the quotes and comma of every line.
	readLimit := 6*lim.TextBytes + 3*int64(lim.Lines) + 16
	zr := flate.NewReader(base64.NewDecoder(base64.StdEncoding, strings.NewReader(packed)))
	defer zr.Close()
	dec := json.NewDecoder(io.LimitReader(zr, readLimit))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, errDamagedExport
	}
	var (
		lines []string
		text  int64
	)
	for dec.More() {
		tok, err := dec.Token()
		line, ok := tok.(string)
		if err != nil || !ok || !utf8.ValidString(line) {
			return nil, errDamagedExport
		}
		text += int64(len(line)) + 1
		switch {
		case len(lines) >= lim.Lines:
			return nil, httpx.DocumentError("packed", &extract.LimitError{Code: extract.LimitLines, Max: int64(lim.Lines), Format: extract.TXT})
		case text > lim.TextBytes:
			return nil, httpx.DocumentError("packed", &extract.LimitError{Code: extract.LimitTextBytes, Max: lim.TextBytes, Format: extract.TXT})
		case utf8.RuneCountInString(line) > lim.LineRunes:
			return nil, httpx.DocumentError("packed", &extract.LimitError{Code: extract.LimitLineRunes, Max: int64(lim.LineRunes),
				Line: len(lines) + 1, Format: extract.TXT})
		}
		lines = append(lines, line)
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim(']') {
		return nil, errDamagedExport
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errDamagedExport // something after the array, or the stream is broken
	}
	if len(lines) == 0 {
		return nil, errDamagedExport
	}
	return lines, nil
}

// exportLines reads the document an export form carries back (packed).
func (s *Handler) exportLines(form map[string][]string) ([]string, error) {
	lim := extract.DefaultLimits
	lim.TextBytes = s.TenderLimits().TextBytes
	packed := ""
	if v := form["packed"]; len(v) == 1 {
		packed = v[0]
	}
	if packed == "" {
		return nil, errDamagedExport
	}
	return unpackLines(packed, lim)
}
