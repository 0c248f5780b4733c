package ui

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"firstset"
	"firstset/date"
	"firstset/tender"
	"firstset/web/httpx"
	"firstset/web/sheet"
)

const TenderExportSheet = "检查结果"

// tenderExportColumns are the sheet's headers and widths, in cell order.
var tenderExportColumns = []sheet.Column{
	{Header: "序号", Width: 6}, {Header: "行号", Width: 8}, {Header: "规则", Width: 18}, {Header: "严重程度", Width: 10}, {Header: "原文", Width: 48}, {Header: "依据", Width: 48}, {Header: "修改建议", Width: 60},
	{Header: "出现次数", Width: 10}, {Header: "其他位置（行号）", Width: 24},
}

// handleTenderExport sends the findings of a document as an Excel workbook.
//
// The server keeps nothing between the check and the export: the result
// page's export form carries the document's extracted lines back (packed:
// JSON, deflated, base64, in a hidden field of a multipart form), and they
// are checked again here, within the limits of a document first read. A
// browser cannot send a chosen file twice, and posting findings instead
// of text would let anyone put findings into a workbook that the checker
// never made.
func (s *Handler) handleTenderExport(w http.ResponseWriter, r *http.Request) {
	if !s.authorizeTenderPage(w, r) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	lines, err := s.exportLines(r.PostForm)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := firstset.TenderCheckInput{Lines: lines,
		ProductID:  httpx.FormInt(r.PostForm, "product_id", &problems, "装备编号"),
		Insured:    httpx.FormFlag(r.PostForm, "insured", &problems, "是否投保"),
		Paragraphs: httpx.FormFlag(r.PostForm, "paragraphs", &problems, "按段编号")}
	if err := problems.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	rep, err := s.Tender.CheckTender(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	body, err := tenderWorkbook(rep, in.Paragraphs)
	if err != nil {
		s.ServeError(w, r, fmt.Errorf("build tender workbook: %w", err))
		return
	}
	sheet.Send(w, body, "tender-check", "招标文件检查", time.Now().In(date.Shanghai))
}

// tenderWorkbook writes one row per finding under a bold header row; the
// line number of a .docx is its paragraph number, headed 段号 as the page
// calls it.
func tenderWorkbook(rep *tender.Report, paragraphs bool) (*bytes.Buffer, error) {
	columns := tenderExportColumns
	if paragraphs {
		columns = slices.Clone(columns)
		columns[1].Header, columns[8].Header = "段号", "其他位置（段号）"
	}
	ws, err := sheet.NewWriter(TenderExportSheet, "", columns)
	if err != nil {
		return nil, err
	}
	for i, fd := range rep.Findings {
		cites := make([]string, len(fd.Basis))
		for k, b := range fd.Basis {
			cites[k] = b.Cite
		}
		suggestion := fd.Suggestion
		if fd.FirstSet != "" {
			suggestion += "\n首台（套）：" + fd.FirstSet
		}
		// Text cells throughout: a quote starting with "=" stays text.
		if err := ws.Add(i+1, fd.Line, fd.Rule.Title(), tenderSeverityLabels[fd.Severity],
			ws.Wrapped(fd.Quote), ws.Wrapped(strings.Join(cites, "；")), ws.Wrapped(suggestion),
			fd.Count, ws.Wrapped(repeatLines(fd))); err != nil {
			return nil, err
		}
	}
	if rep.Omitted > 0 {
		if err := ws.Note(fmt.Sprintf("另有 %d 处问题未列出：每份文件最多列出 %d 条不同的问题，请修改以上问题后重新检查。",
			rep.Omitted, rep.MaxFindings)); err != nil {
			return nil, err
		}
	}
	return ws.Finish()
}

// repeatLines lists where a repeated finding is said again: "5、9、12 等".
func repeatLines(fd tender.Finding) string {
	parts := make([]string, len(fd.Repeats))
	for i, p := range fd.Repeats {
		parts[i] = strconv.Itoa(p.Line)
	}
	s := strings.Join(parts, "、")
	if fd.Count > 1+len(fd.Repeats) {
		s += " 等"
	}
	return s
}
