package web

import (
	"net/http"

	"firstset"
)

// apiCatalog searches the catalog; the public sees recognised products only.
func (s *Server) apiCatalog(w http.ResponseWriter, r *http.Request) {
	params := newQueryReader(r)
	page, per := params.page(20)
	q := catalogQueryFrom(params)
	err := params.err()
	var result *firstset.CatalogPage
	if err == nil {
		q.Offset, q.Limit = (page-1)*per, per
		result, err = s.opts.Products.SearchCatalog(r.Context(), q)
	}
	if err == nil && result.Total == 0 {
		err = s.checkCategory(r.Context(), q.CategoryID, nil)
	}
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	items := result.Items
	if items == nil {
		items = []firstset.CatalogItem{}
	}
	s.writeJSON(w, r, http.StatusOK, listResponse[firstset.CatalogItem]{Items: items, Total: result.Total})
}
