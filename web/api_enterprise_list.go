package web

import (
	"net/http"

	"firstset"
)

func (s *Server) apiEnterpriseList(w http.ResponseWriter, r *http.Request) {
	params := newQueryReader(r)
	page, per := params.page(50)
	f, err := enterpriseFilterFrom(params, page, per)
	var list []*firstset.Enterprise
	var total int
	if err == nil {
		list, total, err = s.opts.Enterprises.FindEnterprises(r.Context(), f)
	}
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	if list == nil {
		list = []*firstset.Enterprise{}
	}
	s.writeJSON(w, r, http.StatusOK, listResponse[*firstset.Enterprise]{Items: list, Total: total})
}
