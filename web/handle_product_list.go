package web

import (
	"net/http"

	"firstset"
)

type productListPage struct {
	Query        string
	Status       firstset.ProductStatus
	EnterpriseID int64
	Products     []*firstset.Product
	Pagination   pagination
}

// handleProductList lists the products the caller may see; the service
// scopes the list to the caller's enterprise or district.
func (s *Server) handleProductList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	f, err := productFilterFrom(newQueryReader(r), 20)
	var list []*firstset.Product
	var total int
	if err == nil {
		list, total, err = s.opts.Products.FindProducts(r.Context(), f)
	}
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "product_list", "装备管理", productListPage{
		Query: f.Query, Status: f.Status, EnterpriseID: f.EnterpriseID, Products: list,
		Pagination: newPagination(r.URL, f.Offset/f.Limit+1, f.Limit, total),
	})
}

// productFilterFrom reads a product listing's parameters, for the page
// and the API.
func productFilterFrom(q *queryReader, defaultPer int) (firstset.ProductFilter, error) {
	page, per := q.page(defaultPer)
	f := firstset.ProductFilter{
		Query: q.text("q", "搜索词", maxListQuery),
		Status: firstset.ProductStatus(q.choice("status", "认定状态",
			func(s string) bool { return firstset.ProductStatus(s).Valid() }, names(firstset.ProductStatuses))),
		EnterpriseID: q.id("enterprise_id", "企业编号"),
		Offset:       (page - 1) * per,
		Limit:        per,
	}
	return f, q.err()
}
