package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiRecognitionUpdate rewrites a draft's or a returned case's texts.
func (s *Handler) apiRecognitionUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.DeclarationInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	c, err := s.Recognition.UpdateDeclaration(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, c)
}
