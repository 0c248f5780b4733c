package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// offerStates are the states of a subsidy offer.
var offerStates = []string{firstset.OfferOffered, firstset.OfferConfirmed, firstset.OfferDeclined, firstset.OfferVoid}

// apiSubsidyOfferList lists the subsidies offered from insurers' data
// (免申即享) the caller may see: product_id, round_id and state narrow it.
func (s *Handler) apiSubsidyOfferList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(50)
	f := firstset.OfferFilter{ProductID: q.ID("product_id", "装备编号"), RoundID: q.ID("round_id", "奖补批次"),
		State:  q.Choice("state", "状态", func(v string) bool { return firstset.OfferStateLabel(v) != v }, offerStates),
		Offset: (page - 1) * per, Limit: per}
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Insurance.Offers(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if list == nil {
		list = []*firstset.SubsidyOffer{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.SubsidyOffer]{Items: list, Total: total})
}
