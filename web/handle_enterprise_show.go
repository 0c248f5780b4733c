package web

import (
	"net/http"

	"firstset"
)

type enterpriseShowPage struct {
	Enterprise *firstset.Enterprise
	Products   []*firstset.Product
	Total      int
}

// handleEnterpriseShow shows an enterprise's profile and its products.
func (s *Server) handleEnterpriseShow(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	if !s.requireLogin(w, r) {
		return
	}
	e, err := s.opts.Enterprises.FindEnterpriseByID(r.Context(), id)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	products, total, err := s.opts.Products.FindProducts(r.Context(), firstset.ProductFilter{EnterpriseID: id, Limit: 50})
	if err != nil && !isAccessError(err) {
		s.serveError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "enterprise_show", e.Name, enterpriseShowPage{Enterprise: e, Products: products, Total: total})
}
