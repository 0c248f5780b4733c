package web

import (
	"net/http"

	"firstset"
)

func (s *Server) apiEnterpriseUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	var in firstset.EnterpriseInput
	if err := s.decodeJSON(r, &in); err != nil {
		s.serveError(w, r, err)
		return
	}
	e, err := s.opts.Enterprises.UpdateEnterprise(r.Context(), id, in)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, e)
}
