package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

func (s *Handler) apiProgrammeCreate(w http.ResponseWriter, r *http.Request) {
	if err := firstset.CheckManageProgrammes(httpx.ActorOf(r)); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.ProgrammeInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	p, err := s.Programmes.CreateProgramme(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, p)
}
