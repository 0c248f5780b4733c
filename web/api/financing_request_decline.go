package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiFinancingRequestDecline records the caller's institution's refusal of a request, with its reasons.
func (s *Handler) apiFinancingRequestDecline(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.FinancingNote
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	fr, err := s.Financing.DeclineFinancing(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, fr)
}
