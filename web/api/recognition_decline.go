package api

import (
	"net/http"

	"firstset/web/httpx"
)

type declineInput struct {
	Reason string `json:"reason"`
}

// apiRecognitionDecline is a drawn expert declaring a conflict (回避).
func (s *Handler) apiRecognitionDecline(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in declineInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	d, err := s.Recognition.DeclineCase(r.Context(), id, in.Reason)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, d)
}
