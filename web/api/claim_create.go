package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiClaimCreate reports a claim on a policy: {"policy_number",
// "occurred_on", "description"} from the insured enterprise or a unit
// using the product; 201 the claim, a case on the fast track.
func (s *Handler) apiClaimCreate(w http.ResponseWriter, r *http.Request) {
	if err := firstset.CheckReportClaim(httpx.ActorOf(r)); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.ClaimCaseInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	c, err := s.Claims.ReportClaimCase(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, c)
}
