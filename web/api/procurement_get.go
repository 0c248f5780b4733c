package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiProcurementGet(w http.ResponseWriter, r *http.Request) {
	p, ok := httpx.LoadByID(s.Base, w, r, nil, s.Procurements.FindProcurementByID)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, p)
}
