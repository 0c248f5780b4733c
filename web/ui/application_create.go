package ui

import (
	"fmt"
	"net/http"

	"firstset"
	"firstset/web/ui/forms"
)

// handleApplicationCreate opens the application in draft; its materials
// are attached and it is submitted on its case page.
func (s *Handler) handleApplicationCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	probe := forms.ApplicationInputFrom(r.PostForm, "", &firstset.Problems{})
	kind := firstset.IncentiveSubsidy
	if rd, err := s.Incentives.IncentiveRound(r.Context(), probe.RoundID); err == nil {
		kind = rd.Kind
	}
	in := forms.ApplicationInputFrom(r.PostForm, kind, &problems)
	err := problems.Err()
	var v *firstset.ApplicationView
	if err == nil {
		v, err = s.Incentives.Apply(r.Context(), in)
	}
	if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.ECONFLICT {
		s.renderApplicationForm(w, r, http.StatusUnprocessableEntity, r.PostForm, forms.NewErrors(err, forms.ApplicationFields...))
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, fmt.Sprintf("/cases/%d", v.ID),
		fmt.Sprintf("申请 %s 已创建，测算上限 %s 元。请上传材料后提交。", v.Number, v.MaxAmount.Grouped()))
}
