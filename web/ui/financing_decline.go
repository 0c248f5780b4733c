package ui

import (
	"context"
	"net/http"
	"net/url"

	"firstset"
	"firstset/cases"
	"firstset/web/ui/forms"
)

// handleFinancingDecline records a lender's refusal, after the confirmation.
func (s *Handler) handleFinancingDecline(w http.ResponseWriter, r *http.Request) {
	s.financingAction(w, r, cases.Decline, true, true, func(ctx context.Context, id int64, v url.Values, p *firstset.Problems) error {
		_, err := s.Financing.DeclineFinancing(ctx, id, forms.FinancingNoteFrom(v))
		return err
	}, "已婉拒该融资需求。")
}
