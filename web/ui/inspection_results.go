package ui

import (
	"net/http"
)

// handleInspectionResults is the public page of published inspection
// results (一公开).
func (s *Handler) handleInspectionResults(w http.ResponseWriter, r *http.Request) {
	list, err := s.Inspections.PublishedInspections(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "inspection_results", "双随机抽查结果公开", list)
}
