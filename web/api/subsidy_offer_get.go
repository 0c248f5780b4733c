package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiSubsidyOfferGet(w http.ResponseWriter, r *http.Request) {
	o, ok := httpx.LoadByID(s.Base, w, r, nil, s.Insurance.Offer)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, o)
}
