package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleBuyerUpdate saves the purchasing unit form.
func (s *Handler) handleBuyerUpdate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageBuyers(httpx.ActorOf(r))) {
		return
	}
	b, ok := httpx.LoadByID(s.Base, w, r, nil, s.Buyers.FindBuyerByID)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	if _, err := s.Buyers.UpdateBuyer(r.Context(), b.ID, forms.BuyerInputFrom(r.PostForm)); err != nil {
		if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.ECONFLICT {
			s.render(w, r, http.StatusUnprocessableEntity, "buyer_form", "编辑采购单位",
				buyerForm{Buyer: b, Values: r.PostForm, Errors: forms.NewErrors(err, forms.BuyerFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/buyers", "采购单位信息已保存。")
}
