package ui

import (
	"net/http"
	"strings"

	"firstset"
	"firstset/web/ui/forms"
)

// handleSubsidyOfferDecline is the enterprise declining an offer, after
// the confirmation.
func (s *Handler) handleSubsidyOfferDecline(w http.ResponseWriter, r *http.Request) {
	o, ok := s.loadOfferToDecide(w, r)
	if !ok {
		return
	}
	var problems firstset.Problems
	forms.Confirmed(r.PostForm, &problems)
	err := problems.Err()
	if err == nil {
		_, err = s.Insurance.DeclineOffer(r.Context(), o.ID, strings.TrimSpace(r.PostForm.Get("reason")))
	}
	if err != nil {
		if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.EWRONGSTAGE {
			s.renderSubsidyOffers(w, r, http.StatusUnprocessableEntity, caseForm{Name: "decline", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.ConfirmField, "reason")}, o.ID)
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/subsidy-offers", "已放弃该补贴。")
}
