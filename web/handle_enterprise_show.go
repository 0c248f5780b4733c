package web

import (
	"net/http"

	"firstset"
)

type enterpriseShowPage struct {
	Enterprise *firstset.Enterprise
	Products   []*firstset.Product
	Total      int
	CanEdit    bool // by firstset.CanEditEnterprise
}

// handleEnterpriseShow shows an enterprise's profile and its products.
func (s *Server) handleEnterpriseShow(w http.ResponseWriter, r *http.Request) {
	e, ok := loadByID(s, w, r, s.requireLogin, s.opts.Enterprises.FindEnterpriseByID)
	if !ok {
		return
	}
	products, total, err := s.opts.Products.FindProducts(r.Context(), firstset.ProductFilter{EnterpriseID: e.ID, Limit: 50})
	if err != nil && !isAccessError(err) {
		s.serveError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "enterprise_show", e.Name, enterpriseShowPage{
		Enterprise: e, Products: products, Total: total, CanEdit: firstset.CanEditEnterprise(actorOf(r), e),
	})
}

// isAccessError reports whether err only says the caller may not do this.
func isAccessError(err error) bool {
	switch firstset.ErrorCode(err) {
	case firstset.EFORBIDDEN, firstset.EUNAUTHORIZED:
		return true
	}
	return false
}
