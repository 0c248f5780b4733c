package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiConsultationGet(w http.ResponseWriter, r *http.Request) {
	c, ok := httpx.LoadByID(s.Base, w, r, nil, s.Consultations.FindConsultationByID)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, c)
}
