package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type financingListPage struct {
	Requests []*firstset.FinancingRequest
	Total    int
	Status   string
	Awaiting bool
	// Lender is set for a bank's or leasing firm's user: each row shows
	// its own answer.
	Lender bool
	// Ask is set for an enterprise: the form's choices.
	Ask      bool
	Kinds    []firstset.FinancingKind
	Products []*firstset.Product
	Lenders  []*firstset.Institution
	// Chosen are the boxes ticked in the posted form: p<id> a product,
	// i<id> an institution.
	Chosen map[string]bool
	Posted caseForm
}

// handleFinancingList lists the viewer's financing requests (an
// enterprise's own, those shared with a lender); an enterprise also asks
// for one here.
func (s *Handler) handleFinancingList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckListFinancing(httpx.ActorOf(r))) {
		return
	}
	s.renderFinancingList(w, r, http.StatusOK, caseForm{})
}

func (s *Handler) renderFinancingList(w http.ResponseWriter, r *http.Request, status int, posted caseForm) {
	q := httpx.NewQueryReader(r)
	f := q.FinancingFilter()
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Financing.FindFinancingRequests(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	a := httpx.ActorOf(r)
	p := financingListPage{Requests: list, Total: total, Status: string(f.Status), Awaiting: f.Awaiting,
		Lender: a.Role() == firstset.RoleInsurer, Posted: posted, Chosen: map[string]bool{}}
	for _, id := range posted.Values["product_ids"] {
		p.Chosen["p"+id] = true
	}
	for _, id := range posted.Values["institution_ids"] {
		p.Chosen["i"+id] = true
	}
	if firstset.CanRequestFinancing(a) {
		p.Ask, p.Kinds = true, firstset.FinancingKinds
		if p.Products, _, err = s.Products.FindProducts(r.Context(), firstset.ProductFilter{EnterpriseID: a.User.EnterpriseID, Limit: 200}); err != nil {
			s.ServeError(w, r, err)
			return
		}
		if p.Lenders, err = s.Financing.FinancingLenders(r.Context()); err != nil {
			s.ServeError(w, r, err)
			return
		}
	}
	s.render(w, r, status, "financing_list", "融资对接", p)
}
