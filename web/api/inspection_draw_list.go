package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiInspectionDrawList lists the double-random draws, newest first.
func (s *Handler) apiInspectionDrawList(w http.ResponseWriter, r *http.Request) {
	list, err := s.Inspections.InspectionDraws(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.InspectionDraw]{Items: list, Total: len(list)})
}
