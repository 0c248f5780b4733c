package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

func (s *Handler) apiConsultationList(w http.ResponseWriter, r *http.Request) {
	list, err := s.Consultations.FindConsultations(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Consultation]{Items: list, Total: len(list)})
}
