package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

func (s *Handler) apiRoundCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.RoundInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	round, err := s.Recognition.CreateRound(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/rounds/"+httpx.Itoa(round.ID))
	s.WriteJSON(w, r, http.StatusCreated, round)
}
