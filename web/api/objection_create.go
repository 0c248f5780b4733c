package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiObjectionCreate is the public's objection to a noticed case.
func (s *Handler) apiObjectionCreate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.ObjectionInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	o, err := s.Recognition.RaiseObjection(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, o)
}
