package ui

import (
	"net/http"

	"firstset"
	"firstset/policy"
)

// calcTitle is the page title, also the navigation label.
const calcTitle = "奖补测算"

// handleCalcForm shows the public calculator; ?kind= picks the tab
// (premium-subsidy when absent), so every tab works without JavaScript.
func (s *Handler) handleCalcForm(w http.ResponseWriter, r *http.Request) {
	kind := r.URL.Query().Get("kind")
	if kind == "" {
		kind = policy.CalcPremiumSubsidy
	}
	page := newCalcPage(kind)
	if page == nil {
		s.ServeError(w, r, firstset.Errorf(firstset.ENOTFOUND, "没有这种测算。"))
		return
	}
	s.render(w, r, http.StatusOK, "calc", calcTitle, page)
}
