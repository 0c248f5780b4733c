package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiInstitutionList lists the institutions the caller may see; kind
// and q narrow it.
func (s *Handler) apiInstitutionList(w http.ResponseWriter, r *http.Request) {
	f, err := httpx.InstitutionQuery(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Institutions.FindInstitutions(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Institution]{Items: list, Total: total})
}
