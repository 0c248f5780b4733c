package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiIncentiveRoundResults is the public notice of a round's approved
// allocation (公示); before approval there is none.
func (s *Handler) apiIncentiveRoundResults(w http.ResponseWriter, r *http.Request) {
	res, ok := httpx.LoadByID(s.Base, w, r, nil, s.Incentives.Results)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, res)
}
