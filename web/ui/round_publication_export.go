package ui

import (
	"fmt"
	"net/http"
	"time"

	"firstset/date"
	"firstset/web/sheet"
)

// publicationColumns are the batch sheet's headers and widths.
var publicationColumns = []sheet.Column{
	{Header: "序号", Width: 6}, {Header: "装备名称", Width: 36}, {Header: "型号", Width: 20},
	{Header: "生产企业", Width: 32}, {Header: "类别", Width: 22}, {Header: "所在区县", Width: 12},
	{Header: "创新级别", Width: 16}, {Header: "认定日期", Width: 12}, {Header: "有效期至", Width: 12},
}

// handleRoundPublicationExport sends a published batch as an Excel
// workbook, written by the same writer as the catalog export.
func (s *Handler) handleRoundPublicationExport(w http.ResponseWriter, r *http.Request) {
	pub, ok := s.loadPublication(w, r)
	if !ok {
		return
	}
	rd := pub.Round
	title := fmt.Sprintf("%s 首台（套）重大技术装备认定名单（%s，%s 发布，共 %d 项）",
		rd.Title, rd.DocumentNumber, rd.PublishedOn, len(pub.Products))
	ws, err := sheet.NewWriter("认定名单", title, publicationColumns)
	if err != nil {
		s.ServeError(w, r, fmt.Errorf("publication workbook: %w", err))
		return
	}
	for i, p := range pub.Products {
		if err := ws.Add(fmt.Sprint(i+1), p.Name, p.Model, p.EnterpriseName, p.CategoryName, DistrictName(p.DistrictCode),
			p.InnovationLevel.Label(), sheet.ISODate(p.RecognizedOn), sheet.ISODate(p.Validity)); err != nil {
			s.ServeError(w, r, fmt.Errorf("publication workbook: %w", err))
			return
		}
	}
	body, err := ws.Finish()
	if err != nil {
		s.ServeError(w, r, fmt.Errorf("publication workbook: %w", err))
		return
	}
	sheet.Send(w, body, fmt.Sprintf("publication-%d", rd.ID), rd.Title+"认定名单", time.Now().In(date.Shanghai))
}
