package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

type enterpriseListPage struct {
	Query        string
	DistrictCode string
	// FixedDistrict names the one district the caller lists, shown
	// instead of a choice of districts.
	FixedDistrict string
	// Single is an enterprise user's list: its own enterprise, nothing to
	// filter.
	Single      bool
	Enterprises []*firstset.Enterprise
	Pagination  forms.Pagination
}

// handleEnterpriseList lists the enterprises the caller may see.
func (s *Handler) handleEnterpriseList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	params := httpx.NewQueryReader(r)
	page, per := params.Page(20)
	f, err := httpx.EnterpriseFilterFrom(params, page, per)
	var list []*firstset.Enterprise
	var total int
	if err == nil {
		list, total, err = s.Enterprises.FindEnterprises(r.Context(), f)
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "enterprise_list", "企业列表", enterpriseListPage{
		Query: f.Query, DistrictCode: f.DistrictCode, Enterprises: list,
		FixedDistrict: DistrictName(firstset.EnterpriseDistrictOf(httpx.ActorOf(r))),
		Single:        firstset.EnterpriseListSingle(httpx.ActorOf(r)),
		Pagination:    forms.NewPagination(r.URL, page, per, total),
	})
}
