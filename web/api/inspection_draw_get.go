package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiInspectionDrawGet returns one draw.
func (s *Handler) apiInspectionDrawGet(w http.ResponseWriter, r *http.Request) {
	d, ok := httpx.LoadByID(s.Base, w, r, nil, s.Inspections.InspectionDraw)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, d)
}
