package api

import (
	"net/http"

	"firstset"
)

// apiInsuranceClaimCreate records a claim on one of the insurer's
// policies: 201 when stored, 200 when the same claim was already there.
func (s *Handler) apiInsuranceClaimCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.ClaimInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	c, created, err := s.Insurance.ReportClaim(r.Context(), r.PathValue("policy_number"), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	s.WriteJSON(w, r, status, c)
}
