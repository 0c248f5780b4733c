package ui

import (
	"context"
	"net/http"
	"net/url"

	"firstset"
	"firstset/cases"
	"firstset/web/ui/forms"
)

// handleFinancingInterest records a lender's interest, with whom to contact.
func (s *Handler) handleFinancingInterest(w http.ResponseWriter, r *http.Request) {
	s.financingAction(w, r, cases.Interest, true, false, func(ctx context.Context, id int64, v url.Values, p *firstset.Problems) error {
		_, err := s.Financing.ExpressFinancingInterest(ctx, id, forms.FinancingNoteFrom(v))
		return err
	}, "意向已发送，企业可在融资需求中看到对接人和联系方式。")
}
