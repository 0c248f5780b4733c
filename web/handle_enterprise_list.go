package web

import (
	"net/http"
	"strings"

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
	v := r.URL.Query()
	page, per := readPage(v, 20)
	f := firstset.EnterpriseFilter{
		Query:        strings.TrimSpace(v.Get("q")),
		DistrictCode: strings.TrimSpace(v.Get("district")),
		Offset:       (page - 1) * per,
		Limit:        per,
	}
	list, total, err := s.opts.Enterprises.FindEnterprises(r.Context(), f)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "enterprise_list", "企业列表", enterpriseListPage{
		Query: f.Query, DistrictCode: f.DistrictCode, Enterprises: list,
		Pagination: newPagination(r.URL, page, per, total),
	})
}
