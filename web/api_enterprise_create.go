package web

import (
	"net/http"

	"firstset"
)

func (s *Server) apiEnterpriseCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.EnterpriseInput
	if err := s.decodeJSON(r, &in); err != nil {
		s.serveError(w, r, err)
		return
	}
	e, err := s.opts.Enterprises.CreateEnterprise(r.Context(), in)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/enterprises/"+itoa(e.ID))
	s.writeJSON(w, r, http.StatusCreated, e)
}
