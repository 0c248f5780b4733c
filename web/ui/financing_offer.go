package ui

import (
	"context"
	"net/http"
	"net/url"

	"firstset"
	"firstset/cases"
	"firstset/web/ui/forms"
)

// handleFinancingOffer records or changes a lender's offer.
func (s *Handler) handleFinancingOffer(w http.ResponseWriter, r *http.Request) {
	s.financingAction(w, r, cases.Offer, true, false, func(ctx context.Context, id int64, v url.Values, p *firstset.Problems) error {
		in := forms.FinancingOfferFrom(v, p)
		if err := p.Err(); err != nil {
			return err // what the form could not read
		}
		_, err := s.Financing.OfferFinancing(ctx, id, in)
		return err
	}, "报价已发送，企业决定前仍可修改。")
}
