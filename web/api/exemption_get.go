package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiExemptionGet(w http.ResponseWriter, r *http.Request) {
	e, ok := httpx.LoadByID(s.Base, w, r, nil, s.Exemptions.FindExemptionByID)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, e)
}
