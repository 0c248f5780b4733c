package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type incentiveRoundListPage struct {
	Rounds []*firstset.IncentiveRound
	// Create offers the new round form (finance).
	Create bool
}

// handleIncentiveRoundList lists the incentive rounds (奖补批次), newest first.
func (s *Handler) handleIncentiveRoundList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	list, err := s.Incentives.IncentiveRounds(r.Context(), firstset.IncentiveRoundFilter{})
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "incentive_round_list", "奖补批次", incentiveRoundListPage{Rounds: list,
		Create: firstset.CheckManageIncentiveRounds(httpx.ActorOf(r)) == nil})
}
