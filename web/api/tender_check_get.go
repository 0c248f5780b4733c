package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiTenderCheckGet(w http.ResponseWriter, r *http.Request) {
	c, ok := httpx.LoadByID(s.Base, w, r, nil, s.TenderChecks.FindTenderCheckByID)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, c)
}
