package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"firstset"
	"firstset/date"
	"firstset/tender"
)

const tenderExportSheet = "检查结果"

// tenderExportColumns are the sheet's headers and widths, in cell order.
var tenderExportColumns = []struct {
	Header string
	Width  float64
}{
	{"序号", 6}, {"行号", 8}, {"规则", 18}, {"严重程度", 10}, {"原文", 48}, {"依据", 48}, {"修改建议", 60},
	{"出现次数", 10}, {"其他位置（行号）", 24},
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
func (s *Server) handleTenderExport(w http.ResponseWriter, r *http.Request) {
	if !s.authorizeTenderPage(w, r) {
		return
	}
	if err := s.parsePostedForm(r); err != nil {
		s.serveError(w, r, s.formParseError(err))
		return
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	lines, err := s.exportLines(r.PostForm)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	var problems firstset.Problems
	productID := formInt(r.PostForm, "product_id", &problems, "装备编号")
	if err := problems.Err(); err != nil {
		s.serveError(w, r, err)
		return
	}
	rep, err := s.opts.Tender.CheckTender(r.Context(), firstset.TenderCheckInput{
		Lines: lines, ProductID: productID, Insured: formBool(r.PostForm.Get("insured"))})
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	body, err := tenderWorkbook(rep)
	if err != nil {
		s.serveError(w, r, fmt.Errorf("build tender workbook: %w", err))
		return
	}
	stamp := time.Now().In(date.Shanghai).Format("20060102-1504")
	h := w.Header()
	h.Set("Content-Type", xlsxMediaType)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="tender-check-%s.xlsx"; filename*=UTF-8''%s`,
		stamp, url.PathEscape("招标文件检查-"+stamp+".xlsx")))
	h.Set("Content-Length", strconv.Itoa(body.Len()))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = body.WriteTo(w)
}

// tenderWorkbook writes one row per finding under a bold header row; the
// line number of a .docx is its paragraph number, as on the page.
func tenderWorkbook(rep *tender.Report) (*bytes.Buffer, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName(f.GetSheetName(0), tenderExportSheet); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(tenderExportSheet)
	if err != nil {
		return nil, err
	}
	headerStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}}})
	if err != nil {
		return nil, err
	}
	wrapStyle, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	for i, col := range tenderExportColumns {
		if err := sw.SetColWidth(i+1, i+1, col.Width); err != nil {
			return nil, err
		}
	}
	header := make([]any, len(tenderExportColumns))
	for i, col := range tenderExportColumns {
		header[i] = excelize.Cell{StyleID: headerStyle, Value: col.Header}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return nil, err
	}
	row := 2
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
		cells := []any{i + 1, fd.Line, fd.Rule.Title(), tenderSeverityLabels[fd.Severity],
			excelize.Cell{StyleID: wrapStyle, Value: fd.Quote},
			excelize.Cell{StyleID: wrapStyle, Value: strings.Join(cites, "；")},
			excelize.Cell{StyleID: wrapStyle, Value: suggestion},
			fd.Count, excelize.Cell{StyleID: wrapStyle, Value: repeatLines(fd)}}
		if err := setRow(sw, row, cells); err != nil {
			return nil, err
		}
		row++
	}
	if rep.Omitted > 0 {
		note := fmt.Sprintf("另有 %d 处问题未列出：每份文件最多列出 %d 条不同的问题，请修改以上问题后重新检查。", rep.Omitted, rep.MaxFindings)
		if err := setRow(sw, row+1, []any{excelize.Cell{StyleID: headerStyle, Value: note}}); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	return f.WriteToBuffer()
}

func setRow(sw *excelize.StreamWriter, row int, cells []any) error {
	cell, err := excelize.CoordinatesToCellName(1, row)
	if err != nil {
		return err
	}
	return sw.SetRow(cell, cells)
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
