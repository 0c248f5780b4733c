package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiExpertPut writes the pool profile of the expert user {id}.
func (s *Handler) apiExpertPut(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.ExpertInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	in.UserID = id
	e, err := s.Recognition.SaveExpert(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, e)
}
