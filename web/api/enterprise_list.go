package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

func (s *Handler) apiEnterpriseList(w http.ResponseWriter, r *http.Request) {
	params := httpx.NewQueryReader(r)
	page, per := params.Page(50)
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
	if list == nil {
		list = []*firstset.Enterprise{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Enterprise]{Items: list, Total: total})
}
