package sheet

import (
	"fmt"
	"iter"
	"net/http"
	"time"

	"firstset"
	"firstset/date"
	"firstset/district"
	"firstset/web/httpx"
)

const (
	// MaxExportRows is the most rows one export writes: Excel opens no
	// sheet longer than 1,048,576 rows, so a larger result says so in its
	// title and asks for narrower filters.
	MaxExportRows = 1_000_000
	// CatalogSheet is the name of the catalog export's worksheet.
	CatalogSheet = "首台套目录"
	// exportWriteTime is how long the server may take to send one export,
	// longer than the write timeout of ordinary answers.
	exportWriteTime = 10 * time.Minute
)

// catalogExportColumns are the sheet's headers and column widths (in
// Excel's character units), in the order cells are written.
var catalogExportColumns = []Column{
	{"装备名称", 36}, {"型号", 20}, {"生产企业", 32}, {"类别", 22}, {"所在区县", 12},
	{"创新级别", 16}, {"人才引领", 10}, {"状态", 10}, {"认定日期", 12}, {"有效期至", 12},
}

// ServeCatalog sends every product the catalog search finds as an Excel
// workbook; the page (/catalog/export.xlsx) and the API both answer with
// it, taking the same filters as the search. The service decides what the
// caller sees.
//
// The rows go through excelize's stream writer, which keeps them in a
// temporary file past 16 MB, and the workbook is zipped
// straight into the answer; no slice of the result is ever held. The zip
// can only start once the sheet is complete, so a failure while reading
// the rows is still a clean error answer; one while sending is logged and
// the connection dropped, so that the client sees no complete workbook.
func ServeCatalog(s *httpx.Base, w http.ResponseWriter, r *http.Request) {
	params := httpx.NewQueryReader(r)
	q := httpx.CatalogQueryFrom(params)
	err := params.Err()
	var total int
	var items iter.Seq2[firstset.CatalogItem, error]
	if err == nil {
		total, items, err = s.Products.ExportCatalog(r.Context(), q)
	}
	if err == nil && total == 0 {
		err = s.CheckCategory(r.Context(), q.CategoryID, nil)
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	// Many rows outlast the write timeout of ordinary answers; a writer
	// that cannot move its deadline (a test's recorder) just keeps its own.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(exportWriteTime))
	now := time.Now().In(date.Shanghai)
	ws, _, err := CatalogWorkbook(total, items, now, MaxExportRows)
	if err != nil {
		s.ServeError(w, r, fmt.Errorf("build catalog workbook: %w", err))
		return
	}
	setDownloadHeaders(w, "catalog", "首台套目录", now)
	w.WriteHeader(http.StatusOK)
	if err := ws.Stream(w); err != nil {
		s.Logger.ErrorContext(r.Context(), "catalog export failed while sending", "error", err,
			"request_id", httpx.InfoFrom(r.Context()).ID)
		panic(http.ErrAbortHandler)
	}
}

// CatalogWorkbook lays out an export of total matching items: a title
// with the export time and how many, a header row, then a row per item,
// at most maxRows of them. It reads items to their end (or the cap) and
// returns the workbook ready to stream and how many rows it holds; on an
// error the workbook is discarded.
func CatalogWorkbook(total int, items iter.Seq2[firstset.CatalogItem, error], now time.Time, maxRows int) (*Writer, int, error) {
	stamp := now.Format("2006-01-02 15:04")
	title := fmt.Sprintf("重庆市首台（套）重大技术装备目录（导出时间：%s，共 %d 条）", stamp, total)
	if total > maxRows {
		title = fmt.Sprintf("重庆市首台（套）重大技术装备目录（导出时间：%s；符合条件 %d 条，仅导出前 %d 条，请缩小筛选范围分批导出）",
			stamp, total, maxRows)
	}
	ws, err := NewWriter(CatalogSheet, title, catalogExportColumns)
	if err != nil {
		return nil, 0, err
	}
	rows := 0
	for it, err := range items {
		if err == nil {
			err = ws.Add(catalogRow(it)...)
		}
		if err != nil {
			ws.Close()
			return nil, 0, err
		}
		if rows++; rows >= maxRows {
			break
		}
	}
	return ws, rows, nil
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
