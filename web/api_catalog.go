package web

import (
	"net/http"

	"firstset"
)

// apiCatalog searches the catalog; the public sees recognised products only.
func (s *Server) apiCatalog(w http.ResponseWriter, r *http.Request) {
	page, per := readPage(r.URL.Query(), 20)
	result, err := s.opts.Products.SearchCatalog(r.Context(), catalogQueryFrom(r.URL.Query(), page, per))
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
