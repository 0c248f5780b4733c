package ui

import (
	"net/http"

	"firstset"
	"firstset/cases"
	"firstset/web/httpx"
)

type claimPage struct {
	Claim *firstset.ClaimCase
	// Actions are those the viewer may take now; Handle is set for the
	// insurer's users.
	Actions []cases.Transition
	Handle  bool
	// Amount is what the amount field asks for at this stage, empty when
	// the stage's actions take none.
	Amount string
	Posted caseForm
}

// handleClaimShow shows a claim with its timeline; the insurer handles it
// here, the reporter withdraws it.
func (s *Handler) handleClaimShow(w http.ResponseWriter, r *http.Request) {
	c, ok := httpx.LoadByID(s.Base, w, r, nil, s.Claims.FindClaimByID)
	if !ok {
		return
	}
	s.renderClaim(w, r, http.StatusOK, c, caseForm{})
}

func (s *Handler) renderClaim(w http.ResponseWriter, r *http.Request, status int, c *firstset.ClaimCase, posted caseForm) {
	a := httpx.ActorOf(r)
	p := claimPage{Claim: c, Posted: posted, Handle: firstset.CanHandleClaim(a, c)}
	party := cases.Party("")
	switch {
	case p.Handle:
		party = cases.Insurer
	case firstset.CanWithdrawClaim(a, c):
		party = cases.Applicant
	}
	if party != "" {
		p.Actions = cases.ClaimCase.ActionsFor(cases.Stage(c.Status), party)
	}
	if p.Handle {
		p.Amount = map[firstset.ClaimStatus]string{firstset.ClaimAcknowledged: "定损金额（元）",
			firstset.ClaimAssessed: "核定赔款（元，同意赔付时填写）", firstset.ClaimApproved: "支付金额（元，默认核定赔款）"}[c.Status]
	}
	s.render(w, r, status, "claim_show", "保险理赔 "+c.Number, p)
}
