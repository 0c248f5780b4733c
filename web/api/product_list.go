package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

func (s *Handler) apiProductList(w http.ResponseWriter, r *http.Request) {
	params := httpx.NewQueryReader(r)
	page, per := params.Page(50)
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
	if list == nil {
		list = []*firstset.Product{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Product]{Items: list, Total: total})
}
