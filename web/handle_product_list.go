package web

import (
	"net/http"
	"strconv"
	"strings"

	"firstset"
)

type productListPage struct {
	Query        string
	Status       firstset.ProductStatus
	EnterpriseID int64
	Products     []*firstset.Product
	Pagination   pagination
	// Statuses are those the status filter offers: the ones the viewer's
	// products can have (service.SeesStatus).
	Statuses []firstset.ProductStatus
}

// handleProductList lists the products the caller may see; the service
// scopes the list to the caller's enterprise or district.
func (s *Server) handleProductList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	v := r.URL.Query()
	page, per := readPage(v, 20)
	f := firstset.ProductFilter{Query: strings.TrimSpace(v.Get("q")), Offset: (page - 1) * per, Limit: per}
	if st := firstset.ProductStatus(v.Get("status")); st.Valid() {
		f.Status = st
	}
	if id, err := strconv.ParseInt(v.Get("enterprise_id"), 10, 64); err == nil && id > 0 {
		f.EnterpriseID = id
	}
	list, total, err := s.opts.Products.FindProducts(r.Context(), f)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "product_list", "装备管理", productListPage{
		Query: f.Query, Status: f.Status, EnterpriseID: f.EnterpriseID, Products: list,
		Pagination: newPagination(r.URL, page, per, total),
		Statuses:   visibleStatuses(actorOf(r)),
	})
}
