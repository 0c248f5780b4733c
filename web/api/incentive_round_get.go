package api

import (
	"net/http"

	"firstset/web/httpx"
)

func (s *Handler) apiIncentiveRoundGet(w http.ResponseWriter, r *http.Request) {
	round, ok := httpx.LoadByID(s.Base, w, r, nil, s.Incentives.IncentiveRound)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, round)
}
