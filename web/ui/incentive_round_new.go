package ui

import (
	"net/http"
	"strconv"

	"firstset"
	"firstset/date"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// incentiveRoundForm is the new round form with its input as typed.
type incentiveRoundForm struct {
	Values map[string]string
	Errors forms.Errors
}

// handleIncentiveRoundNew shows finance the form that opens a round.
func (s *Handler) handleIncentiveRoundNew(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageIncentiveRounds(httpx.ActorOf(r))) {
		return
	}
	y, _, _ := date.Today().Parts()
	s.render(w, r, http.StatusOK, "incentive_round_form", "新建奖补批次", incentiveRoundForm{Values: map[string]string{
		"kind": firstset.IncentiveSubsidy, "year": strconv.Itoa(y), "method": firstset.MethodRankOrder, "pass_score": "60"}})
}
