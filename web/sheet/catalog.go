package sheet

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"time"

	"firstset"
	"firstset/date"
	"firstset/district"
	"firstset/web/httpx"
)

const (
	// MaxExportRows caps one export; a larger result asks for narrower filters.
	MaxExportRows = 20000
	// ExportPageSize is the service's largest catalog page.
	ExportPageSize = 100
	// CatalogSheet is the name of the catalog export's worksheet.
	CatalogSheet = "首台套目录"
)

// catalogExportColumns are the sheet's headers and column widths (in
// Excel's character units), in the order cells are written.
var catalogExportColumns = []Column{
	{"装备名称", 36}, {"型号", 20}, {"生产企业", 32}, {"类别", 22}, {"所在区县", 12},
	{"创新级别", 16}, {"人才引领", 10}, {"状态", 10}, {"认定日期", 12}, {"有效期至", 12},
}

// CatalogExport is what one export holds: the rows the caller may see,
// up to the cap, and how many matched in all.
type CatalogExport struct {
	Items     []firstset.CatalogItem
	Total     int
	Truncated bool // fewer rows than Total
}

// CollectCatalog pages through the catalog search with the caller's
// filters. The service decides what the caller sees and how deep it pages:
// it refuses offsets past its own limit (an error about "page"), so the
// export ends there and says it is incomplete.
func CollectCatalog(ctx context.Context, products firstset.ProductService, q firstset.CatalogQuery) (*CatalogExport, error) {
	out := &CatalogExport{}
	q.Limit = ExportPageSize
	for q.Offset = 0; q.Offset < MaxExportRows; q.Offset += ExportPageSize {
		res, err := products.SearchCatalog(ctx, q)
		if err != nil {
			if e, ok := firstset.AsError(err); ok && q.Offset > 0 && e.Field == "page" {
				break
			}
			return nil, err
		}
		out.Total = res.Total
		out.Items = append(out.Items, res.Items...)
		if len(res.Items) < ExportPageSize || len(out.Items) >= res.Total {
			break
		}
	}
	if len(out.Items) > MaxExportRows {
		out.Items = out.Items[:MaxExportRows]
	}
	out.Truncated = len(out.Items) < out.Total
	return out, nil
}

// ServeCatalog sends the catalog search as an Excel workbook; the page
// (/catalog/export.xlsx) and the API both answer with it, taking the same
// filters as the search.
func ServeCatalog(s *httpx.Base, w http.ResponseWriter, r *http.Request) {
	params := httpx.NewQueryReader(r)
	q := httpx.CatalogQueryFrom(params)
	err := params.Err()
	var export *CatalogExport
	if err == nil {
		export, err = CollectCatalog(r.Context(), s.Products, q)
	}
	if err == nil && export.Total == 0 {
		err = s.CheckCategory(r.Context(), q.CategoryID, nil)
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	now := time.Now().In(date.Shanghai)
	body, err := catalogWorkbook(export, now)
	if err != nil {
		s.ServeError(w, r, fmt.Errorf("build catalog workbook: %w", err))
		return
	}
	Send(w, body, "catalog", "首台套目录", now)
}

// catalogWorkbook writes the export: a title with the export time and
// how many, a header row, one row per item.
func catalogWorkbook(export *CatalogExport, now time.Time) (*bytes.Buffer, error) {
	title := fmt.Sprintf("重庆市首台（套）重大技术装备目录（导出时间：%s，共 %d 条）",
		now.Format("2006-01-02 15:04"), len(export.Items))
	if export.Truncated {
		title = fmt.Sprintf("重庆市首台（套）重大技术装备目录（导出时间：%s；符合条件 %d 条，仅导出前 %d 条，请缩小筛选范围分批导出）",
			now.Format("2006-01-02 15:04"), export.Total, len(export.Items))
	}
	ws, err := NewWriter(CatalogSheet, title, catalogExportColumns)
	if err != nil {
		return nil, err
	}
	for _, it := range export.Items {
		if err := ws.Add(catalogRow(it)...); err != nil {
			return nil, err
		}
	}
	return ws.Finish()
}

// catalogRow is one item's cells, as the catalog page shows them.
// Every value is written as text, which Excel never evaluates as a formula.
func catalogRow(it firstset.CatalogItem) []any {
	place := it.District
	if place == "" {
		place = it.DistrictCode
		if d, ok := district.ByCode(it.DistrictCode); ok {
			place = d.Name
		}
	}
	talent := "否"
	if it.TalentLed {
		talent = "是"
	}
	return []any{it.Name, it.Model, it.Enterprise, it.Category, place,
		it.InnovationLevel.Label(), talent, it.Status.Label(), ISODate(it.RecognizedOn), ISODate(it.ValidUntil)}
}

// ISODate writes a date as 2026-01-02, or nothing when it is not set.
func ISODate(d date.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}
