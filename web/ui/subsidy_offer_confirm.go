package ui

import (
	"fmt"
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleSubsidyOfferConfirm is the enterprise confirming an offer, after
// the confirmation: it becomes an application at the district's review.
func (s *Handler) handleSubsidyOfferConfirm(w http.ResponseWriter, r *http.Request) {
	o, ok := s.loadOfferToDecide(w, r)
	if !ok {
		return
	}
	var problems firstset.Problems
	forms.Confirmed(r.PostForm, &problems)
	err := problems.Err()
	var c *firstset.OfferConfirmation
	if err == nil {
		c, err = s.Insurance.ConfirmOffer(r.Context(), o.ID)
	}
	if err != nil {
		if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.EWRONGSTAGE || firstset.ErrorCode(err) == firstset.ECONFLICT {
			s.renderSubsidyOffers(w, r, http.StatusUnprocessableEntity, caseForm{Name: "confirm", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.ConfirmField)}, o.ID)
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, fmt.Sprintf("/cases/%d", c.Application.ID),
		fmt.Sprintf("已确认，申请 %s 已提交区县初审。", c.Application.Number))
}

// loadOfferToDecide reads the offer of the path for the enterprise that
// decides it: to anyone else it does not exist, or may not be decided.
func (s *Handler) loadOfferToDecide(w http.ResponseWriter, r *http.Request) (*firstset.SubsidyOffer, bool) {
	if !s.requireLogin(w, r) {
		return nil, false
	}
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return nil, false
	}
	o, err := s.Insurance.Offer(r.Context(), id)
	if err != nil {
		s.ServeError(w, r, err)
		return nil, false
	}
	a := httpx.ActorOf(r)
	if err := firstset.CheckCaseWrite(a); err != nil {
		s.ServeError(w, r, err)
		return nil, false
	}
	if a.Role() != firstset.RoleEnterprise {
		s.ServeError(w, r, firstset.Errorf(firstset.EFORBIDDEN, "免申即享补贴由投保的生产企业确认或放弃。"))
		return nil, false
	}
	if o.State != firstset.OfferOffered {
		s.ServeError(w, r, firstset.Errorf(firstset.EWRONGSTAGE, "该补贴测算当前为“%s”，不能再确认或放弃。", firstset.OfferStateLabel(o.State)))
		return nil, false
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return nil, false
	}
	return o, true
}
