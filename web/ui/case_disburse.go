package ui

import (
	"fmt"
	"net/http"

	"firstset"
	"firstset/cases"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleCaseDisburse is finance recording a payment against an
// application's approved allocation, after the confirmation.
func (s *Handler) handleCaseDisburse(w http.ResponseWriter, r *http.Request) {
	v, ok := s.loadCase(w, r)
	if !ok {
		return
	}
	if !s.Allowed(w, r, firstset.CheckManageIncentiveRounds(httpx.ActorOf(r))) {
		return
	}
	if st := cases.Stage(v.Stage); st != cases.Approved && st != cases.PartiallyPaid {
		s.ServeError(w, r, firstset.Errorf(firstset.EWRONGSTAGE, "办件处于“%s”阶段，只有已批准安排、尚未拨付完毕的申请可以登记拨付。", v.StageLabel))
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.DisbursementInputFrom(r.PostForm, &problems)
	in.ApplicationID = v.ID
	forms.Confirmed(r.PostForm, &problems)
	err := problems.Err()
	var d *firstset.Disbursement
	if err == nil {
		d, err = s.Incentives.Disburse(r.Context(), in)
	}
	if s.caseFormError(w, r, v, "disburse", r.PostForm, err, forms.DisbursementFields...) {
		return
	}
	s.redirectWithFlash(w, r, casePath(v.ID)+"#application", fmt.Sprintf("已登记拨付 %s 元（凭证号 %s）。", d.Amount.Grouped(), d.Voucher))
}
