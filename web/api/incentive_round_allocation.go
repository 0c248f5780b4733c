package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiIncentiveRoundAllocation reads a round's allocation as it stands.
func (s *Handler) apiIncentiveRoundAllocation(w http.ResponseWriter, r *http.Request) {
	res, ok := httpx.LoadByID(s.Base, w, r, nil, s.Incentives.Allocation)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, res)
}
