package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiLaunchEventSchedule moves a planned event: {"held_on", "place"};
// its plaques and honour certificates are signed again.
func (s *Handler) apiLaunchEventSchedule(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := firstset.CheckPlanLaunch(httpx.ActorOf(r)); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.LaunchScheduleInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	e, err := s.Launch.RescheduleLaunchEvent(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, e)
}
