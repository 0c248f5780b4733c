package ui

import (
	"net/http"

	"firstset/web/httpx"
)

// handleIncentiveRoundResults is the public notice of a round's approved
// allocation (公示): enterprise, product and amount.
func (s *Handler) handleIncentiveRoundResults(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	res, err := s.Incentives.Results(r.Context(), id)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "incentive_results", res.Round.Title+"奖补结果公示", res)
}
