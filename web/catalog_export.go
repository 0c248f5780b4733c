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
)

const (
	// maxExportRows caps one export; a larger result asks for narrower filters.
	maxExportRows = 20000
	// exportPageSize is the service's largest catalog page.
	exportPageSize = 100
	xlsxMediaType  = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	exportSheet    = "首台套目录"
)

// catalogExportColumns are the sheet's headers and column widths (in
// Excel's character units), in the order cells are written.
var catalogExportColumns = []struct {
	Header string
	Width  float64
}{
	{"装备名称", 36}, {"型号", 20}, {"生产企业", 32}, {"类别", 22}, {"所在区县", 12},
	{"创新级别", 16}, {"人才引领", 10}, {"状态", 10}, {"认定日期", 12}, {"有效期至", 12},
}

// catalogExport is what one export holds: the rows the caller may see,
// up to the cap, and how many matched in all.
type catalogExport struct {
	Items     []firstset.CatalogItem
	Total     int
	Truncated bool // fewer rows than Total
}

// collectCatalogExport pages through the catalog search with the caller's
// filters. The service decides what the caller sees and how deep it pages:
// it refuses offsets past its own limit (an error about "page"), so the
// export ends there and says it is incomplete.
func (s *Server) collectCatalogExport(r *http.Request, q firstset.CatalogQuery) (*catalogExport, error) {
	out := &catalogExport{}
	q.Limit = exportPageSize
	for q.Offset = 0; q.Offset < maxExportRows; q.Offset += exportPageSize {
		res, err := s.opts.Products.SearchCatalog(r.Context(), q)
		if err != nil {
			if e, ok := firstset.AsError(err); ok && q.Offset > 0 && e.Field == "page" {
				break
			}
			return nil, err
		}
		out.Total = res.Total
		out.Items = append(out.Items, res.Items...)
		if len(res.Items) < exportPageSize || len(out.Items) >= res.Total {
			break
		}
	}
	if len(out.Items) > maxExportRows {
		out.Items = out.Items[:maxExportRows]
	}
	out.Truncated = len(out.Items) < out.Total
	return out, nil
}

// handleCatalogExport sends the catalog search as an Excel workbook; it
// serves both /catalog/export.xlsx and the API, taking the same filters
// as the search.
func (s *Server) handleCatalogExport(w http.ResponseWriter, r *http.Request) {
	params := newQueryReader(r)
	q := catalogQueryFrom(params)
	err := params.err()
	var export *catalogExport
	if err == nil {
		export, err = s.collectCatalogExport(r, q)
	}
	if err == nil && export.Total == 0 {
		err = s.checkCategory(r.Context(), q.CategoryID, nil)
	}
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	now := time.Now().In(date.Shanghai)
	// The workbook is built in memory first, so a failure is a clean 500
	// rather than a truncated download.
	body, err := s.catalogWorkbook(r, export, now)
	if err != nil {
		s.serveError(w, r, fmt.Errorf("build catalog workbook: %w", err))
		return
	}
	stamp := now.Format("20060102-1504")
	h := w.Header()
	h.Set("Content-Type", xlsxMediaType)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="catalog-%s.xlsx"; filename*=UTF-8''%s`,
		stamp, url.PathEscape("首台套目录-"+stamp+".xlsx")))
	h.Set("Content-Length", strconv.Itoa(body.Len()))
	h.Set("Cache-Control", "no-store") // what a caller may see depends on who they are
	w.WriteHeader(http.StatusOK)
	_, _ = body.WriteTo(w)
}

// catalogWorkbook writes the export with excelize's stream writer: a
// title row with the export time, a bold header row, one row per item.
func (s *Server) catalogWorkbook(r *http.Request, export *catalogExport, now time.Time) (*bytes.Buffer, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName(f.GetSheetName(0), exportSheet); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(exportSheet)
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
	// Column widths must precede the first row in a stream.
	for i, col := range catalogExportColumns {
		if err := sw.SetColWidth(i+1, i+1, col.Width); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}

	title := fmt.Sprintf("重庆市首台（套）重大技术装备目录（导出时间：%s，共 %d 条）",
		now.Format("2006-01-02 15:04"), len(export.Items))
	if export.Truncated {
		title = fmt.Sprintf("重庆市首台（套）重大技术装备目录（导出时间：%s；符合条件 %d 条，仅导出前 %d 条，请缩小筛选范围分批导出）",
			now.Format("2006-01-02 15:04"), export.Total, len(export.Items))
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: titleStyle, Value: title}}, excelize.RowOpts{Height: 24}); err != nil {
		return nil, err
	}
	lastCol, err := excelize.ColumnNumberToName(len(catalogExportColumns))
	if err != nil {
		return nil, err
	}
	if err := sw.MergeCell("A1", lastCol+"1"); err != nil {
		return nil, err
	}
	header := make([]any, len(catalogExportColumns))
	for i, col := range catalogExportColumns {
		header[i] = excelize.Cell{StyleID: headerStyle, Value: col.Header}
	}
	if err := sw.SetRow("A2", header); err != nil {
		return nil, err
	}
	for i, it := range export.Items {
		cell, err := excelize.CoordinatesToCellName(1, i+3)
		if err != nil {
			return nil, err
		}
		if err := sw.SetRow(cell, s.catalogExportRow(it)); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	return f.WriteToBuffer()
}

// catalogExportRow is one item's cells, as the catalog page shows them.
// Every value is written as text, which Excel never evaluates as a formula.
func (s *Server) catalogExportRow(it firstset.CatalogItem) []any {
	district := it.District
	if district == "" {
		district = districtName(it.DistrictCode)
	}
	talent := "否"
	if it.TalentLed {
		talent = "是"
	}
	return []any{it.Name, it.Model, it.Enterprise, it.Category, district,
		it.InnovationLevel.Label(), talent, it.Status.Label(), isoDate(it.RecognizedOn), isoDate(it.ValidUntil)}
}

// isoDate writes a date as 2026-01-02, or nothing when it is not set.
func isoDate(d date.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}
