package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiBuyerGet(w http.ResponseWriter, r *http.Request) {
	b, ok := httpx.LoadByID(s.Base, w, r, nil, s.Buyers.FindBuyerByID)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, b)
}
