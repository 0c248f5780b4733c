package api

import (
	"net/http"

	"firstset/web/httpx"
)

type ratingAnswer struct {
	Answer string `json:"answer"`
}

// apiRatingAnswer is the reviewer's answer to a bad rating.
func (s *Handler) apiRatingAnswer(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in ratingAnswer
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	rt, err := s.Cases.AnswerRating(r.Context(), id, in.Answer)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, rt)
}
