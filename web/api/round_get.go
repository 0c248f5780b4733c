package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiRoundGet(w http.ResponseWriter, r *http.Request) {
	round, ok := httpx.LoadByID(s.Base, w, r, nil, s.Recognition.Round)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, round)
}
