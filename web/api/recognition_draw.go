package api

import (
	"net/http"

	"firstset/web/httpx"
)

type drawInput struct {
	Seed string `json:"seed"`
}

func (s *Handler) apiRecognitionDraw(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in drawInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	d, err := s.Recognition.DrawExperts(r.Context(), id, in.Seed)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, d)
}
