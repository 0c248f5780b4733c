package ui

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"

	"firstset"
	"firstset/cases"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

type financingPage struct {
	Request *firstset.FinancingRequest
	// Applicant is set for the enterprise: Compare are the answers, the
	// offers first by rate (the lowest first), then by term.
	Applicant   bool
	Compare     []*firstset.FinancingOffer
	CanAccept   bool
	CanWithdraw bool
	// Own is a lender's answer, with what it may still do.
	Own         *firstset.FinancingOffer
	CanInterest bool
	CanOffer    bool
	CanDecline  bool
	Posted      caseForm
}

// handleFinancingShow shows a request: to the enterprise with the offers
// compared, to a lender with its own answer and its forms.
func (s *Handler) handleFinancingShow(w http.ResponseWriter, r *http.Request) {
	fr, ok := httpx.LoadByID(s.Base, w, r, nil, s.Financing.FindFinancingRequestByID)
	if !ok {
		return
	}
	s.renderFinancing(w, r, http.StatusOK, fr, caseForm{})
}

func (s *Handler) renderFinancing(w http.ResponseWriter, r *http.Request, status int, fr *firstset.FinancingRequest, posted caseForm) {
	a := httpx.ActorOf(r)
	p := financingPage{Request: fr, Posted: posted}
	may := func(action cases.Action, lender bool) bool { return financingRefusal(a, fr, action, lender) == nil }
	switch a.Role() {
	case firstset.RoleEnterprise:
		p.Applicant = true
		p.Compare = slices.Clone(fr.Offers)
		slices.SortStableFunc(p.Compare, func(x, y *firstset.FinancingOffer) int {
			xo, yo := x.Rate > 0, y.Rate > 0
			switch {
			case xo != yo:
				if xo {
					return -1
				}
				return 1
			case x.Rate != y.Rate:
				return cmp.Compare(x.Rate, y.Rate)
			}
			return cmp.Compare(x.TermMonths, y.TermMonths)
		})
		p.CanAccept = may(cases.Accept, false) &&
			slices.ContainsFunc(fr.Offers, func(o *firstset.FinancingOffer) bool { return o.Status == firstset.AnswerOffered })
		p.CanWithdraw = may(cases.Withdraw, false)
	case firstset.RoleInsurer:
		p.Own = fr.Offer(a.User.InstitutionID)
		p.CanInterest = may(cases.Interest, true)
		p.CanOffer = may(cases.Offer, true)
		p.CanDecline = may(cases.Decline, true)
	}
	s.render(w, r, status, "financing_show", "融资需求 "+fr.Number, p)
}

// financingRefusal is why a may not take action on fr as the lender
// (lender) or the enterprise, if it may not: the services' own rules, so
// that a page offers no form they refuse and refuses what they would.
func financingRefusal(a *firstset.Actor, fr *firstset.FinancingRequest, action cases.Action, lender bool) error {
	if err := firstset.CheckFinancingParty(a, lender); err != nil {
		return err
	}
	party, answer := cases.Applicant, cases.Stage("")
	if lender {
		o := fr.Offer(a.User.InstitutionID)
		if o == nil {
			return firstset.NotFound("融资需求")
		}
		party, answer = cases.Lender, cases.Stage(o.Status)
	}
	if _, ref := cases.DecideFinancing(cases.Stage(fr.Status), answer, action, party); ref != nil {
		return firstset.Errorf(ref.Code, "%s", ref.Message)
	}
	return nil
}

// financingAction runs a form's action on a request: refused as the
// service would refuse it, the irreversible ones only once confirmed, and
// the form shown again with its errors when the input is wanting.
func (s *Handler) financingAction(w http.ResponseWriter, r *http.Request, action cases.Action, lender, confirm bool,
	do func(ctx context.Context, id int64, v url.Values, p *firstset.Problems) error, flash string) {
	if !s.requireLogin(w, r) {
		return
	}
	fr, ok := httpx.LoadByID(s.Base, w, r, nil, s.Financing.FindFinancingRequestByID)
	if !ok {
		return
	}
	if !s.Allowed(w, r, financingRefusal(httpx.ActorOf(r), fr, action, lender)) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var probs firstset.Problems
	if confirm {
		forms.Confirmed(r.PostForm, &probs)
	}
	err := probs.Err()
	if err == nil {
		err = do(r.Context(), fr.ID, r.PostForm, &probs)
	}
	if err != nil {
		if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.EWRONGSTAGE {
			s.renderFinancing(w, r, http.StatusUnprocessableEntity, fr, caseForm{Name: string(action), Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.FinancingFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/financing/"+httpx.Itoa(fr.ID), flash)
}
