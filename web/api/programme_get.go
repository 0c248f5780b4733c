package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiProgrammeGet(w http.ResponseWriter, r *http.Request) {
	p, ok := httpx.LoadByID(s.Base, w, r, nil, s.Programmes.FindProgrammeByID)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, p)
}
