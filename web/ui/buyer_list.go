package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type buyerListPage struct {
	Buyers []*firstset.Buyer
	Total  int
	Query  string
	// Create offers the administrator's form.
	Create bool
	Posted caseForm
}

// handleBuyerList lists the purchasing units the viewer may see; an
// administrator also registers them here.
func (s *Handler) handleBuyerList(w http.ResponseWriter, r *http.Request) {
	s.renderBuyers(w, r, http.StatusOK, caseForm{})
}

func (s *Handler) renderBuyers(w http.ResponseWriter, r *http.Request, status int, posted caseForm) {
	if !s.requireLogin(w, r) {
		return
	}
	f, err := httpx.BuyerQuery(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Buyers.FindBuyers(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, status, "buyer_list", "采购单位", buyerListPage{Buyers: list, Total: total, Query: f.Query,
		Create: firstset.CanManageBuyers(httpx.ActorOf(r)), Posted: posted})
}
