package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiApplicationUpdate rewrites a draft's or a returned application's data.
func (s *Handler) apiApplicationUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.ApplicationInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	v, err := s.Incentives.UpdateApplication(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, v)
}
