package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiInspectionResultList lists the published results, for everyone.
func (s *Handler) apiInspectionResultList(w http.ResponseWriter, r *http.Request) {
	list, err := s.Inspections.PublishedInspections(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.InspectionDraw]{Items: list, Total: len(list)})
}
