package ui

import (
	"net/http"
	"net/url"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

type buyerForm struct {
	Buyer  *firstset.Buyer
	Values url.Values
	Errors forms.Errors
}

// handleBuyerEdit shows the form editing a purchasing unit.
func (s *Handler) handleBuyerEdit(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageBuyers(httpx.ActorOf(r))) {
		return
	}
	b, ok := httpx.LoadByID(s.Base, w, r, nil, s.Buyers.FindBuyerByID)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "buyer_form", "编辑采购单位", buyerForm{Buyer: b, Values: forms.BuyerInputOf(b)})
}
