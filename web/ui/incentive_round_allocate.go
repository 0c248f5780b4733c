package ui

import (
	"fmt"
	"net/http"

	"firstset"
	"firstset/web/ui/forms"
)

// handleIncentiveRoundAllocate runs a round's allocation (the reviewer),
// after the confirmation.
func (s *Handler) handleIncentiveRoundAllocate(w http.ResponseWriter, r *http.Request) {
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
