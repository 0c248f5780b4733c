package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiInstitutionGet returns an institution the caller may see.
func (s *Handler) apiInstitutionGet(w http.ResponseWriter, r *http.Request) {
	n, ok := httpx.LoadByID(s.Base, w, r, nil, s.Institutions.FindInstitutionByID)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, n)
}
