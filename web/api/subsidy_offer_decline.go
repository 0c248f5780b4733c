package api

import (
	"net/http"

	"firstset/web/httpx"
)

type declineOfferInput struct {
	Reason string `json:"reason"`
}

// apiSubsidyOfferDecline is the enterprise declining an offer.
func (s *Handler) apiSubsidyOfferDecline(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in declineOfferInput
	if err := s.decodeOptionalJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	o, err := s.Insurance.DeclineOffer(r.Context(), id, in.Reason)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, o)
}
