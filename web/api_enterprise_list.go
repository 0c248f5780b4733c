package web

import (
	"net/http"

	"firstset"
)

func (s *Server) apiEnterpriseList(w http.ResponseWriter, r *http.Request) {
	f, err := enterpriseFilterFrom(newQueryReader(r), 50)
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
