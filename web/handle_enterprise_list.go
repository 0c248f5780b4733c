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
	f, err := enterpriseFilterFrom(newQueryReader(r), 20)
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
		Pagination: newPagination(r.URL, f.Offset/f.Limit+1, f.Limit, total),
	})
}

// enterpriseFilterFrom reads an enterprise listing's parameters, for the
// page and the API.
func enterpriseFilterFrom(q *queryReader, defaultPer int) (firstset.EnterpriseFilter, error) {
	page, per := q.page(defaultPer)
	f := firstset.EnterpriseFilter{
		Query:        q.text("q", "搜索词", maxListQuery),
		DistrictCode: q.district("district"),
		Offset:       (page - 1) * per,
		Limit:        per,
	}
	return f, q.err()
}
