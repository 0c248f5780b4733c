package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

type claimListPage struct {
	Claims   []*firstset.ClaimCase
	Total    int
	Status   string
	Open     bool
	Overdue  bool
	Statuses []firstset.ClaimStatus
	// Report is set for those who may report a claim: the insured
	// enterprises and the units using a product.
	Report bool
	Posted caseForm
}

// handleClaimList lists the claims the viewer may see; enterprises and
// buyers also report one here.
func (s *Handler) handleClaimList(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckListClaims(httpx.ActorOf(r))) {
		return
	}
	s.renderClaims(w, r, http.StatusOK, caseForm{})
}

func (s *Handler) renderClaims(w http.ResponseWriter, r *http.Request, status int, posted caseForm) {
	q := httpx.NewQueryReader(r)
	f := q.ClaimFilter()
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Claims.FindClaims(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, status, "claim_list", "保险理赔", claimListPage{Claims: list, Total: total, Status: string(f.Status),
		Open: f.Open, Overdue: f.Overdue, Statuses: firstset.ClaimStatuses, Report: firstset.CanReportClaim(httpx.ActorOf(r)),
		Posted: posted})
}
