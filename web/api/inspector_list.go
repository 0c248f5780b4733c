package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiInspectorList lists the inspectors draws choose from.
func (s *Handler) apiInspectorList(w http.ResponseWriter, r *http.Request) {
	list, err := s.Inspections.Inspectors(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Inspector]{Items: list, Total: len(list)})
}
