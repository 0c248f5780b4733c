package ui

import (
	"context"
	"net/http"
	"net/url"

	"firstset"
	"firstset/cases"
	"firstset/web/ui/forms"
)

// handleFinancingAccept accepts an offer, after the confirmation: the others are then lost.
func (s *Handler) handleFinancingAccept(w http.ResponseWriter, r *http.Request) {
	s.financingAction(w, r, cases.Accept, false, true, func(ctx context.Context, id int64, v url.Values, p *firstset.Problems) error {
		in := forms.FinancingAcceptFrom(v, p)
		if err := p.Err(); err != nil {
			return err // what the form could not read
		}
		_, err := s.Financing.AcceptFinancingOffer(ctx, id, in)
		return err
	}, "已采纳报价，请与该机构办理后续手续。")
}
