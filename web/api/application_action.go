package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiApplicationAction takes an action on an application (submit,
// confirm, approve, return, reject, withdraw) and answers with the
// application as it then stands.
func (s *Handler) apiApplicationAction(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	// Only an application is acted on here: any other case is not found.
	if _, err := s.Incentives.Application(r.Context(), id); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.ActionInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	if _, err := s.Cases.Act(r.Context(), id, in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	v, err := s.Incentives.Application(r.Context(), id)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, v)
}
