package ui

import (
	"bytes"
	"fmt"
	"net/http"
	"time"

	"firstset"
	"firstset/date"
	"firstset/web/httpx"
	"firstset/web/sheet"
)

const (
	// maxAuditExportRows caps one export of the audit log; a larger result
	// asks for a narrower filter, as the catalog export does.
	maxAuditExportRows = 20000
	// auditExportPage is the service's largest page of the log.
	auditExportPage = 500
	AuditSheet      = "审计日志"
)

var auditExportColumns = []sheet.Column{
	{Header: "序号", Width: 8}, {Header: "时间（北京时间）", Width: 20}, {Header: "操作人", Width: 18}, {Header: "操作", Width: 14}, {Header: "对象类型", Width: 10},
	{Header: "对象编号", Width: 10}, {Header: "对象名称", Width: 28}, {Header: "变更内容", Width: 70}, {Header: "记录哈希", Width: 20},
}

// handleAuditExport sends the filtered audit log, newest first, as an
// Excel workbook, with the comparison of each change as the page shows it.
func (s *Handler) handleAuditExport(w http.ResponseWriter, r *http.Request) {
	if !s.Allowed(w, r, firstset.CheckReadAudit(httpx.ActorOf(r))) {
		return
	}
	_, f, _, err := auditFilterFrom(r)
	if err != nil {
		s.ServeError(w, r, badFilter(err))
		return
	}
	// The export is one moment's log: it pages back from the newest entry
	// matching when it began, by sequence number, so entries appended
	// meanwhile neither shift its pages nor change its count.
	f.Limit = 1
	newest, err := s.Audit.FindAuditEntries(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, badFilter(err))
		return
	}
	var total int
	var rows []auditRow
	if len(newest) > 0 {
		f.BeforeSeq = newest[0].Seq + 1
		if total, err = s.Audit.CountAuditEntries(r.Context(), f); err != nil {
			s.ServeError(w, r, err)
			return
		}
	}
	for f.Limit = auditExportPage; len(rows) < min(total, maxAuditExportRows); {
		entries, err := s.Audit.FindAuditEntries(r.Context(), f)
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
		for _, e := range entries {
			rows = append(rows, newAuditRow(e))
		}
		if len(entries) < auditExportPage {
			break
		}
		f.BeforeSeq = entries[len(entries)-1].Seq
	}
	if len(rows) > maxAuditExportRows {
		rows = rows[:maxAuditExportRows]
	}
	now := time.Now().In(date.Shanghai)
	body, err := auditWorkbook(rows, total, now.Format("2006-01-02 15:04"))
	if err != nil {
		s.ServeError(w, r, fmt.Errorf("build audit workbook: %w", err))
		return
	}
	sheet.Send(w, body, "audit", "审计日志", now)
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
	title := fmt.Sprintf("平台审计日志（导出时间：%s，共 %d 条）", at, len(rows))
	if len(rows) < total {
		title = fmt.Sprintf("平台审计日志（导出时间：%s；符合条件 %d 条，仅导出最近的 %d 条，请缩小筛选范围分批导出）", at, total, len(rows))
	}
	ws, err := sheet.NewWriter(AuditSheet, title, auditExportColumns)
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		// Text cells throughout: Excel never evaluates a recorded value.
		if err := ws.Add(row.Seq, row.At, row.Actor, row.Action, row.Entity, entityIDText(row.EntityID),
			row.Subject, ws.Wrapped(auditChangeText(row)), row.Hash); err != nil {
			return nil, err
		}
	}
	return ws.Finish()
}
