package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiRecognitionRate is the applicant's rating of an ended case (好差评).
func (s *Handler) apiRecognitionRate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.RatingInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, err := s.Cases.Rate(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, httpx.ListResponse[*firstset.Rating]{Items: list, Total: len(list)})
}
