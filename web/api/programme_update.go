package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

func (s *Handler) apiProgrammeUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := firstset.CheckManageProgrammes(httpx.ActorOf(r)); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.ProgrammeInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	p, err := s.Programmes.UpdateProgramme(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, p)
}
