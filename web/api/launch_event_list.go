package api

import (
	"net/http"

	"firstset"
)

func (s *Handler) apiLaunchEventList(w http.ResponseWriter, r *http.Request) {
	list, err := s.Launch.FindLaunchEvents(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, struct {
		Items []*firstset.LaunchEvent `json:"items"`
	}{list})
}
