package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiClaimAction is an action on a claim: {"action":
// "acknowledge|assess|decide|decline|pay|withdraw", "opinion",
// "amount_yuan", "paid_on"}.
func (s *Handler) apiClaimAction(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.ClaimActionInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	c, err := s.Claims.ActOnClaim(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, c)
}
