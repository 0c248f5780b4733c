package ui

import (
	"net/http"
	"net/url"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/sheet"
	"firstset/web/ui/forms"
)

// catalogPage is the catalog search page's data.
type catalogPage struct {
	Query      firstset.CatalogQuery
	Categories []firstset.Category
	Items      []firstset.CatalogItem
	Total      int
	Pagination forms.Pagination
	// ShowStatus offers the status filter: the service honours it for staff only.
	ShowStatus bool
	// ExportURL downloads the same search as an Excel workbook.
	ExportURL string
}

// handleCatalog searches the published catalog; anyone may.
func (s *Handler) handleCatalog(w http.ResponseWriter, r *http.Request) {
	cats, err := s.Products.Categories(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	params := httpx.NewQueryReader(r)
	page, per := params.Page(20)
	q := httpx.CatalogQueryFrom(params)
	err = params.Err()
	if err == nil {
		err = s.CheckCategory(r.Context(), q.CategoryID, cats)
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	q.Offset, q.Limit = (page-1)*per, per
	result, err := s.Products.SearchCatalog(r.Context(), q)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	actor := httpx.ActorOf(r)
	s.render(w, r, http.StatusOK, "catalog", "首台（套）目录查询", catalogPage{
		Query:      q,
		Categories: cats,
		Items:      result.Items,
		Total:      result.Total,
		Pagination: forms.NewPagination(r.URL, page, per, result.Total),
		ShowStatus: firstset.CanFilterCatalogByStatus(actor),
		ExportURL:  catalogExportURL(httpx.CatalogFilterValues(q)),
	})
}

// catalogExportURL is the export of the search with filters.
func catalogExportURL(filters url.Values) string {
	if len(filters) == 0 {
		return "/catalog/export.xlsx"
	}
	return "/catalog/export.xlsx?" + filters.Encode()
}

// handleCatalogExport sends the search as an Excel workbook.
func (s *Handler) handleCatalogExport(w http.ResponseWriter, r *http.Request) {
	sheet.ServeCatalog(s.Base, w, r)
}
