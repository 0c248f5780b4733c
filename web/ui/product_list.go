package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

type productListPage struct {
	Query        string
	Status       firstset.ProductStatus
	EnterpriseID int64
	Products     []*firstset.Product
	Pagination   forms.Pagination
	// Statuses are those the status filter offers: the ones the viewer's
	// products can have (firstset.SeesStatus).
	Statuses []firstset.ProductStatus
}

// handleProductList lists the products the caller may see; the service
// scopes the list to the caller's enterprise or district.
func (s *Handler) handleProductList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	params := httpx.NewQueryReader(r)
	page, per := params.Page(20)
	f, err := httpx.ProductFilterFrom(params, page, per)
	var list []*firstset.Product
	var total int
	if err == nil {
		list, total, err = s.Products.FindProducts(r.Context(), f)
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "product_list", "装备管理", productListPage{
		Query: f.Query, Status: f.Status, EnterpriseID: f.EnterpriseID, Products: list,
		Pagination: forms.NewPagination(r.URL, page, per, total),
		Statuses:   visibleStatuses(httpx.ActorOf(r)),
	})
}
