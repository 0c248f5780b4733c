package ui

import (
	"fmt"
	"net/http"
	"strings"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleIncentiveRoundApprove is finance approving a round's allocation,
// after the confirmation: the results go on public notice.
func (s *Handler) handleIncentiveRoundApprove(w http.ResponseWriter, r *http.Request) {
	rd, ok := s.loadIncentiveRound(w, r)
	if !ok || !s.Allowed(w, r, firstset.CheckManageIncentiveRounds(httpx.ActorOf(r))) {
		return
	}
	if rd.Status != firstset.RoundProposed {
		s.ServeError(w, r, firstset.Errorf(firstset.EWRONGSTAGE, "批次“%s”当前为“%s”，没有待审批的分配方案。", rd.Title, firstset.RoundStatusLabel(rd.Status)))
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
