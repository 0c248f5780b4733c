package ui

import (
	"context"
	"net/http"
	"net/url"

	"firstset"
	"firstset/cases"
	"firstset/web/ui/forms"
)

// handleFinancingWithdraw takes the request back, after the confirmation.
func (s *Handler) handleFinancingWithdraw(w http.ResponseWriter, r *http.Request) {
	s.financingAction(w, r, cases.Withdraw, false, true, func(ctx context.Context, id int64, v url.Values, p *firstset.Problems) error {
		_, err := s.Financing.WithdrawFinancing(ctx, id, forms.FinancingNoteFrom(v))
		return err
	}, "融资需求已撤回。")
}
