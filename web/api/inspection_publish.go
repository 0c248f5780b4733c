package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiInspectionPublish makes a draw's results public.
func (s *Handler) apiInspectionPublish(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	d, err := s.Inspections.PublishInspection(r.Context(), id)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, d)
}
