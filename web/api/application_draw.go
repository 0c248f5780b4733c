package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiApplicationDraw draws the experts of an application in a round that
// uses them.
func (s *Handler) apiApplicationDraw(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if _, err := s.Incentives.Application(r.Context(), id); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in drawInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	d, err := s.Recognition.DrawExperts(r.Context(), id, in.Seed)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, d)
}
