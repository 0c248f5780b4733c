package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleIncentiveRoundCreate opens a round (finance).
func (s *Handler) handleIncentiveRoundCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageIncentiveRounds(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.IncentiveRoundInputFrom(r.PostForm, &problems)
	err := problems.Err()
	var rd *firstset.IncentiveRound
	if err == nil {
		rd, err = s.Incentives.CreateIncentiveRound(r.Context(), in)
	}
	if forms.IsFormError(err) {
		values := map[string]string{}
		for _, f := range forms.IncentiveRoundFields {
			values[f] = r.PostForm.Get(f)
		}
		s.render(w, r, http.StatusUnprocessableEntity, "incentive_round_form", "新建奖补批次",
			incentiveRoundForm{Values: values, Errors: forms.NewErrors(err, forms.IncentiveRoundFields...)})
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/incentive-rounds/"+httpx.Itoa(rd.ID), "奖补批次已创建。")
}
