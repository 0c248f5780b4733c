package ui

import (
	"fmt"
	"net/http"
	"strings"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleIncentiveRoundSendBack is finance returning a round's allocation
// to the reviewer, with the reason.
func (s *Handler) handleIncentiveRoundSendBack(w http.ResponseWriter, r *http.Request) {
	rd, ok := s.loadIncentiveRound(w, r)
	if !ok || !s.Allowed(w, r, firstset.CheckManageIncentiveRounds(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	_, err := s.Incentives.SendBackRound(r.Context(), rd.ID, firstset.RoundDecision{Opinion: strings.TrimSpace(r.PostForm.Get("opinion"))})
	if s.incentiveRoundFormError(w, r, rd, "send-back", r.PostForm, err, forms.RoundDecisionFields...) {
		return
	}
	s.redirectWithFlash(w, r, fmt.Sprintf("/incentive-rounds/%d", rd.ID), "分配方案已退回审核人员。")
}
