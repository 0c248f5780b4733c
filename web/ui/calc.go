package ui

import (
	"net/http"
	"strconv"
	"strings"

	"firstset"
	"firstset/policy"
	"firstset/web/ui/forms"
)

// handleCalc computes the posted form and shows the result under it, the
// input kept. Anyone may post: like the login form it is guarded by
// CrossOriginProtection only, and a logged-in person's session token is
// checked as on every form (checkCSRFToken).
func (s *Handler) handleCalc(w http.ResponseWriter, r *http.Request) {
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	page := newCalcPage(r.PostForm.Get("kind"))
	if page == nil {
		s.ServeError(w, r, firstset.Errorf(firstset.EBADREQUEST, "没有这种测算。"))
		return
	}

	var data []byte
	var rowOf []int
	var inputs map[string]bool
	var unread pageProblems
	switch page.Kind {
	case policy.CalcPremiumSubsidy:
		page.Premium = readPremiumForm(r.PostForm)
		if r.PostForm.Get("add_row") != "" {
			// The 增加一行 button: the same form with one more row, nothing computed.
			if page.Premium.CanAddRow() {
				page.Premium.Rows = append(page.Premium.Rows, premiumRow{Index: len(page.Premium.Rows)})
			}
			s.render(w, r, http.StatusOK, "calc", calcTitle, page)
			return
		}
		data, rowOf, unread = page.Premium.premiumCase()
		inputs = page.Premium.inputs()
	case policy.CalcFirstPurchaseReward:
		page.Reward = readRewardForm(r.PostForm)
		data, unread = page.Reward.rewardCase()
		inputs = rewardInputs
	case policy.CalcAllocate:
		page.Allocate.CaseJSON = r.PostForm.Get("case")
		data = []byte(strings.TrimSpace(page.Allocate.CaseJSON))
	}

	result, err := s.engine().Calculate(page.Kind, data)
	all := policy.AllErrors(err)
	if err != nil && all == nil {
		s.ServeError(w, r, err)
		return
	}
	if len(all) > 0 || len(unread) > 0 {
		if page.Kind == policy.CalcAllocate {
			// The whole case is one textarea: each message says where in
			// the case it is.
			page.Errors = forms.Errors{Fields: map[string]string{"case": "分配方案有误，共 " + strconv.Itoa(len(all)) + " 处："}}
			for _, pe := range all {
				page.CaseErrors = append(page.CaseErrors, caseProblem(pe))
			}
			page.Count = len(all)
		} else {
			page.Errors = calcFormErrors(all, unread, rowOf, inputs)
			page.Count = len(page.Errors.Fields) + len(page.Errors.Other)
		}
		s.render(w, r, http.StatusUnprocessableEntity, "calc", calcTitle, page)
		return
	}
	reg := s.engine().Registry()
	switch res := result.(type) {
	case policy.PremiumResult:
		page.PremiumResult = newPremiumResultView(reg, res)
	case policy.RewardResult:
		page.RewardResult = newRewardResultView(reg, res)
	case policy.AllocationResult:
		page.AllocationResult = newAllocationResultView(reg, res)
	}
	s.render(w, r, http.StatusOK, "calc", calcTitle, page)
}

// caseProblem is a problem of the allocation's JSON case for a person: the
// place it names, then what is wrong.
func caseProblem(pe *policy.Error) string {
	if pe.Field == "" {
		return pe.Chinese
	}
	return "位置 " + pe.Field + "：" + pe.Chinese
}
