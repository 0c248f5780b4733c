package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

func (s *Handler) apiEnterpriseCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.EnterpriseInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	e, err := s.Enterprises.CreateEnterprise(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/enterprises/"+httpx.Itoa(e.ID))
	s.WriteJSON(w, r, http.StatusCreated, e)
}
