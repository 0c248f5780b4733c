package web

import (
	"net/http"
	"strings"

	"firstset"
)

func (s *Server) apiEnterpriseList(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	page, per := readPage(v, 50)
	list, total, err := s.opts.Enterprises.FindEnterprises(r.Context(), firstset.EnterpriseFilter{
		Query: strings.TrimSpace(v.Get("q")), DistrictCode: strings.TrimSpace(v.Get("district")),
		Offset: (page - 1) * per, Limit: per,
	})
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	if list == nil {
		list = []*firstset.Enterprise{}
	}
	s.writeJSON(w, r, http.StatusOK, listResponse[*firstset.Enterprise]{Items: list, Total: total})
}
