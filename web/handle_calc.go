package web

import (
	"net/http"
	"strings"

	"firstset"
	"firstset/policy"
)

// handleCalc computes the posted form and shows the result under it, the
// input kept. Anyone may post: like the login form it is guarded by
// CrossOriginProtection only, and a logged-in person's session token is
// checked as on every form (checkCSRFToken).
func (s *Server) handleCalc(w http.ResponseWriter, r *http.Request) {
	if err := s.parseForm(r); err != nil {
		s.serveError(w, r, err)
		return
	}
	page := newCalcPage(r.PostForm.Get("kind"))
	if page == nil {
		s.serveError(w, r, firstset.Errorf(firstset.EBADREQUEST, "没有这种测算。"))
		return
	}

	var data []byte
	var rowOf []int
	var inputs map[string]bool
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
		data, rowOf = page.Premium.premiumCase()
		inputs = page.Premium.inputs()
	case policy.CalcFirstPurchaseReward:
		page.Reward = readRewardForm(r.PostForm)
		data, inputs = page.Reward.rewardCase(), rewardInputs
	case policy.CalcAllocate:
		page.Allocate.CaseJSON = r.PostForm.Get("case")
		data = []byte(strings.TrimSpace(page.Allocate.CaseJSON))
	}

	result, err := s.engine.Calculate(page.Kind, data)
	if err != nil {
		pe, ok := policy.AsError(err)
		if !ok {
			s.serveError(w, r, err)
			return
		}
		if page.Kind == policy.CalcAllocate {
			// The whole case is one textarea: the message keeps its JSON path.
			page.Errors = formErrors{Fields: map[string]string{"case": pe.ChineseError()}}
		} else {
			page.Errors = calcFormErrors(pe, rowOf, inputs)
		}
		s.render(w, r, http.StatusUnprocessableEntity, "calc", calcTitle, page)
		return
	}
	switch res := result.(type) {
	case policy.PremiumResult:
		page.PremiumResult = newPremiumResultView(res)
	case policy.RewardResult:
		page.RewardResult = newRewardResultView(res)
	case policy.AllocationResult:
		page.AllocationResult = newAllocationResultView(res)
	}
	s.render(w, r, http.StatusOK, "calc", calcTitle, page)
}
