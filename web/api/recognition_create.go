package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

func (s *Handler) apiRecognitionCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.DeclarationInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	c, err := s.Recognition.Declare(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/recognitions/"+httpx.Itoa(c.ID))
	s.WriteJSON(w, r, http.StatusCreated, c)
}
