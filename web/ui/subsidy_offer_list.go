package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type subsidyOfferListPage struct {
	Offers []*firstset.SubsidyOffer
	// Decide: the viewer is the enterprise, who confirms or declines.
	Decide bool
	Posted caseForm
	// PostedID is the offer whose form was refused.
	PostedID int64
}

// handleSubsidyOfferList lists the subsidies offered from insurers' data
// (免申即享): an enterprise its own, with the confirm and decline forms.
func (s *Handler) handleSubsidyOfferList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	s.renderSubsidyOffers(w, r, http.StatusOK, caseForm{}, 0)
}

func (s *Handler) renderSubsidyOffers(w http.ResponseWriter, r *http.Request, status int, posted caseForm, postedID int64) {
	list, _, err := s.Insurance.Offers(r.Context(), firstset.OfferFilter{Limit: 200})
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, status, "subsidy_offer_list", "免申即享：保费补贴", subsidyOfferListPage{Offers: list,
		Decide: httpx.ActorOf(r).Role() == firstset.RoleEnterprise, Posted: posted, PostedID: postedID})
}
