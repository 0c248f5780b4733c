package web

import (
	"net/http"
	"strconv"
	"strings"

	"firstset"
)

func (s *Server) apiProductList(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	page, per := readPage(v, 50)
	f := firstset.ProductFilter{Query: strings.TrimSpace(v.Get("q")), Offset: (page - 1) * per, Limit: per}
	if st := v.Get("status"); st != "" {
		f.Status = firstset.ProductStatus(st)
		if !f.Status.Valid() {
			s.serveError(w, r, firstset.FieldErrorf("status", firstset.EINVALID, "未知的状态 %q。", st))
			return
		}
	}
	if e := v.Get("enterprise_id"); e != "" {
		id, err := strconv.ParseInt(e, 10, 64)
		if err != nil || id <= 0 {
			s.serveError(w, r, firstset.FieldErrorf("enterprise_id", firstset.EINVALID, "enterprise_id 必须是正整数。"))
			return
		}
		f.EnterpriseID = id
	}
	list, total, err := s.opts.Products.FindProducts(r.Context(), f)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	if list == nil {
		list = []*firstset.Product{}
	}
	s.writeJSON(w, r, http.StatusOK, listResponse[*firstset.Product]{Items: list, Total: total})
}
