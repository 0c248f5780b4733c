package ui

import (
	"fmt"
	"net/http"
	"strings"

	"firstset"
	"firstset/web/ui/forms"
)

// handleIncentiveRoundApprove is finance approving a round's allocation,
// after the confirmation: the results go on public notice.
func (s *Handler) handleIncentiveRoundApprove(w http.ResponseWriter, r *http.Request) {
	rd, ok := s.loadIncentiveRound(w, r)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	forms.Confirmed(r.PostForm, &problems)
	err := problems.Err()
	if err == nil {
		_, err = s.Incentives.ApproveRound(r.Context(), rd.ID, firstset.RoundDecision{Opinion: strings.TrimSpace(r.PostForm.Get("opinion"))})
	}
	if s.incentiveRoundFormError(w, r, rd, "approve", r.PostForm, err, forms.RoundDecisionFields...) {
		return
	}
	s.redirectWithFlash(w, r, fmt.Sprintf("/incentive-rounds/%d", rd.ID), "分配方案已批准，奖补结果已公示。")
}
