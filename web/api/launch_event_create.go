package api

import (
	"net/http"

	"firstset"
)

// apiLaunchEventCreate plans a year's launch event and awards its plaques.
func (s *Handler) apiLaunchEventCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.LaunchEventInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	e, err := s.Launch.CreateLaunchEvent(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, e)
}
