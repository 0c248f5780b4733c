package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiDualUseUpdate marks a product 军民两用 ({"dual_use":true,"note"}) or
// removes the mark.
func (s *Handler) apiDualUseUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := firstset.CheckManageDualUse(httpx.ActorOf(r)); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.DualUseInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	m, err := s.Consultations.MarkDualUse(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, m)
}
