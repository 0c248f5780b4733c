package ui

import (
	"net/http"

	"firstset"
	"firstset/cases"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleClaimAction takes the insurer's or the reporter's action on a
// claim. Deciding, declining, paying and withdrawing cannot be undone, so
// those ask for the confirmation first.
func (s *Handler) handleClaimAction(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	c, ok := httpx.LoadByID(s.Base, w, r, nil, s.Claims.FindClaimByID)
	if !ok {
		return
	}
	a := httpx.ActorOf(r)
	if !firstset.CanHandleClaim(a, c) && !firstset.CanWithdrawClaim(a, c) {
		s.Allowed(w, r, firstset.Errorf(firstset.EFORBIDDEN, "保险理赔由承保机构办理。"))
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	in, probs := forms.ClaimCaseActionFrom(r.PostForm)
	if act := cases.Action(in.Action); act != cases.Acknowledge && act != cases.Assess {
		forms.Confirmed(r.PostForm, probs)
	}
	err := probs.Err()
	var done *firstset.ClaimCase
	if err == nil {
		done, err = s.Claims.ActOnClaim(r.Context(), c.ID, in)
	}
	if err != nil {
		code := firstset.ErrorCode(err)
		if forms.IsFormError(err) || code == firstset.EWRONGSTAGE {
			s.renderClaim(w, r, http.StatusUnprocessableEntity, c, caseForm{Name: "act", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.ClaimCaseFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	msg := "已办理：" + done.StatusLabel + "。"
	if done.Status.Open() && !done.DueOn.IsZero() {
		msg += "下一步时限 " + done.DueOn.Chinese() + "。"
	}
	s.redirectWithFlash(w, r, "/claims/"+httpx.Itoa(c.ID), msg)
}
