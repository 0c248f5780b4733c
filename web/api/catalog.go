package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiCatalog searches the catalog; the public sees recognised products only.
func (s *Handler) apiCatalog(w http.ResponseWriter, r *http.Request) {
	params := httpx.NewQueryReader(r)
	page, per := params.Page(20)
	q := httpx.CatalogQueryFrom(params)
	err := params.Err()
	var result *firstset.CatalogPage
	if err == nil {
		q.Offset, q.Limit = (page-1)*per, per
		result, err = s.Products.SearchCatalog(r.Context(), q)
	}
	if err == nil && result.Total == 0 {
		err = s.CheckCategory(r.Context(), q.CategoryID, nil)
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	items := result.Items
	if items == nil {
		items = []firstset.CatalogItem{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[firstset.CatalogItem]{Items: items, Total: result.Total})
}
