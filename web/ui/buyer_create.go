package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleBuyerCreate registers a purchasing unit (administrators).
func (s *Handler) handleBuyerCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageBuyers(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	b, err := s.Buyers.CreateBuyer(r.Context(), forms.BuyerInputFrom(r.PostForm))
	if err != nil {
		if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.ECONFLICT {
			s.renderBuyers(w, r, http.StatusUnprocessableEntity, caseForm{Name: "buyer", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.BuyerFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/buyers", "已登记采购单位“"+b.Name+"”。请在用户管理中为其开通采购单位账号。")
}
