package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type enterpriseShowPage struct {
	Enterprise *firstset.Enterprise
	Products   []*firstset.Product
	Total      int
	CanEdit    bool // by firstset.CanEditEnterprise
}

// handleEnterpriseShow shows an enterprise's profile and its products.
func (s *Handler) handleEnterpriseShow(w http.ResponseWriter, r *http.Request) {
	e, ok := httpx.LoadByID(s.Base, w, r, s.requireLogin, s.Enterprises.FindEnterpriseByID)
	if !ok {
		return
	}
	products, total, err := s.Products.FindProducts(r.Context(), firstset.ProductFilter{EnterpriseID: e.ID, Limit: 50})
	if err != nil && !isAccessError(err) {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "enterprise_show", e.Name, enterpriseShowPage{
		Enterprise: e, Products: products, Total: total, CanEdit: firstset.CanEditEnterprise(httpx.ActorOf(r), e),
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
