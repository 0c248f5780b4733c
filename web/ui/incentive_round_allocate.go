package ui

import (
	"fmt"
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleIncentiveRoundAllocate runs a round's allocation (the reviewer),
// after the confirmation.
func (s *Handler) handleIncentiveRoundAllocate(w http.ResponseWriter, r *http.Request) {
	rd, ok := s.loadIncentiveRound(w, r)
	if !ok || !s.Allowed(w, r, firstset.CheckAllocate(httpx.ActorOf(r))) {
		return
	}
	if !s.Allowed(w, r, s.allocatable(r, rd)) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	forms.Confirmed(r.PostForm, &problems)
	err := problems.Err()
	var res *firstset.AllocationResult
	if err == nil {
		res, err = s.Incentives.Allocate(r.Context(), rd.ID)
	}
	if s.incentiveRoundFormError(w, r, rd, "allocate", r.PostForm, err, forms.RoundDecisionFields...) {
		return
	}
	s.redirectWithFlash(w, r, fmt.Sprintf("/incentive-rounds/%d#allocation", rd.ID),
		fmt.Sprintf("已生成分配方案：%d 件申请，拟安排 %s 元，已提交市财政局审批。", len(res.Allocations), res.Total.Grouped()))
}

// allocatable refuses the allocation of a round still open for
// applications or already approved.
func (s *Handler) allocatable(r *http.Request, rd *firstset.IncentiveRound) error {
	if err := firstset.CheckCaseWrite(httpx.ActorOf(r)); err != nil {
		return err
	}
	if rd.Status == firstset.RoundApproved {
		return firstset.Errorf(firstset.EWRONGSTAGE, "批次“%s”的资金分配已经批准，不能重新分配。", rd.Title)
	}
	open, err := s.Incentives.IncentiveRounds(r.Context(), firstset.IncentiveRoundFilter{Kind: rd.Kind, OpenNow: true})
	if err != nil {
		return err
	}
	for _, o := range open {
		if o.ID == rd.ID {
			return firstset.Errorf(firstset.EWRONGSTAGE, "批次“%s”申请截止于 %s，截止后方可分配资金。", rd.Title, rd.ClosesOn)
		}
	}
	return nil
}
