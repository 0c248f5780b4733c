package api

import (
	"net/http"

	"firstset"
)

// apiLaunchCandidates ranks the catalog products an event may present,
// with the rule that ranks them.
func (s *Handler) apiLaunchCandidates(w http.ResponseWriter, r *http.Request) {
	list, err := s.Launch.LaunchCandidates(r.Context(), 200)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, struct {
		Rule  string                      `json:"rule"`
		Items []*firstset.LaunchCandidate `json:"items"`
	}{firstset.LaunchMeritRule, list})
}
