package web

import (
	"net/http"

	"firstset"
)

func (s *Server) apiProductList(w http.ResponseWriter, r *http.Request) {
	params := newQueryReader(r)
	page, per := params.page(50)
	f, err := productFilterFrom(params, page, per)
	var list []*firstset.Product
	var total int
	if err == nil {
		list, total, err = s.opts.Products.FindProducts(r.Context(), f)
	}
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	if list == nil {
		list = []*firstset.Product{}
	}
	s.writeJSON(w, r, http.StatusOK, listResponse[*firstset.Product]{Items: list, Total: total})
}
