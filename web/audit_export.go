package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"firstset"
	"firstset/date"
	"firstset/service"
)

const (
	// maxAuditExportRows caps one export of the audit log; a larger result
	// asks for a narrower filter, as the catalog export does.
	maxAuditExportRows = 20000
	// auditExportPage is the service's largest page of the log.
	auditExportPage = 500
	auditSheet      = "审计日志"
)

var auditExportColumns = []struct {
	Header string
	Width  float64
}{
	{"序号", 8}, {"时间（北京时间）", 20}, {"操作人", 18}, {"操作", 14}, {"对象类型", 10},
	{"对象编号", 10}, {"对象名称", 28}, {"变更内容", 70}, {"记录哈希", 20},
}

// handleAuditExport sends the filtered audit log, newest first, as an
// Excel workbook, with the comparison of each change as the page shows it.
func (s *Server) handleAuditExport(w http.ResponseWriter, r *http.Request) {
	if !s.allowed(w, r, service.CheckReadAudit(actorOf(r))) {
		return
	}
	_, f, _, err := auditFilterFrom(r.URL.Query())
	if err != nil {
		s.serveError(w, r, badFilter(err))
		return
	}
	total, err := s.opts.Audit.CountAuditEntries(r.Context(), f)
	if err != nil {
		s.serveError(w, r, badFilter(err))
		return
	}
	var rows []auditRow
	f.Limit = auditExportPage
	for f.Offset = 0; f.Offset < min(total, maxAuditExportRows); f.Offset += auditExportPage {
		entries, err := s.opts.Audit.FindAuditEntries(r.Context(), f)
		if err != nil {
			s.serveError(w, r, err)
			return
		}
		for _, e := range entries {
			rows = append(rows, newAuditRow(e))
		}
		if len(entries) < auditExportPage {
			break
		}
	}
	if len(rows) > maxAuditExportRows {
		rows = rows[:maxAuditExportRows]
	}
	now := time.Now().In(date.Shanghai)
	body, err := auditWorkbook(rows, total, now.Format("2006-01-02 15:04"))
	if err != nil {
		s.serveError(w, r, fmt.Errorf("build audit workbook: %w", err))
		return
	}
	stamp := now.Format("20060102-1504")
	h := w.Header()
	h.Set("Content-Type", xlsxMediaType)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="audit-%s.xlsx"; filename*=UTF-8''%s`,
		stamp, url.PathEscape("审计日志-"+stamp+".xlsx")))
	h.Set("Content-Length", strconv.Itoa(body.Len()))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = body.WriteTo(w)
}

// badFilter turns a refused filter into the 400 of a request that cannot
// be read, keeping the field and message.
func badFilter(err error) error {
	if e, ok := firstset.AsError(err); ok && e.Code == firstset.EINVALID {
		bad := *e
		bad.Code = firstset.EBADREQUEST
		return &bad
	}
	return err
}

// auditWorkbook writes the rows with a title saying when and how many,
// and whether the cap cut the export short.
func auditWorkbook(rows []auditRow, total int, at string) (*bytes.Buffer, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName(f.GetSheetName(0), auditSheet); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(auditSheet)
	if err != nil {
		return nil, err
	}
	titleStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return nil, err
	}
	headerStyle, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	})
	if err != nil {
		return nil, err
	}
	wrapStyle, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	for i, col := range auditExportColumns {
		if err := sw.SetColWidth(i+1, i+1, col.Width); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	title := fmt.Sprintf("平台审计日志（导出时间：%s，共 %d 条）", at, len(rows))
	if len(rows) < total {
		title = fmt.Sprintf("平台审计日志（导出时间：%s；符合条件 %d 条，仅导出最近的 %d 条，请缩小筛选范围分批导出）", at, total, len(rows))
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: titleStyle, Value: title}}, excelize.RowOpts{Height: 24}); err != nil {
		return nil, err
	}
	lastCol, err := excelize.ColumnNumberToName(len(auditExportColumns))
	if err != nil {
		return nil, err
	}
	if err := sw.MergeCell("A1", lastCol+"1"); err != nil {
		return nil, err
	}
	header := make([]any, len(auditExportColumns))
	for i, col := range auditExportColumns {
		header[i] = excelize.Cell{StyleID: headerStyle, Value: col.Header}
	}
	if err := sw.SetRow("A2", header); err != nil {
		return nil, err
	}
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+3)
		if err != nil {
			return nil, err
		}
		// Text cells throughout: Excel never evaluates a recorded value.
		values := []any{row.Seq, row.At, row.Actor, row.Action, row.Entity, entityIDText(row.EntityID),
			row.Subject, excelize.Cell{StyleID: wrapStyle, Value: auditChangeText(row)}, row.Hash}
		if err := sw.SetRow(cell, values); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	return f.WriteToBuffer()
}
