package web

import (
	"net/http"

	"firstset"
)

type enterpriseListPage struct {
	Query        string
	DistrictCode string
	Enterprises  []*firstset.Enterprise
	Pagination   pagination
}

// handleEnterpriseList lists the enterprises the caller may see.
func (s *Server) handleEnterpriseList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	params := newQueryReader(r)
	page, per := params.page(20)
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
	s.render(w, r, http.StatusOK, "enterprise_list", "企业列表", enterpriseListPage{
		Query: f.Query, DistrictCode: f.DistrictCode, Enterprises: list,
		Pagination: newPagination(r.URL, page, per, total),
	})
}
