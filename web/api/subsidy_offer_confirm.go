package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiSubsidyOfferConfirm is the enterprise confirming an offer: it
// becomes an application, submitted at once.
func (s *Handler) apiSubsidyOfferConfirm(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	c, err := s.Insurance.ConfirmOffer(r.Context(), id)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, c)
}
