package api

import (
	"net/http"
	"net/url"

	"firstset"
)

// apiInsurancePolicyCreate stores a policy an insurer sends: 201 when
// stored (a first version or a changed one), 200 when the same data was
// already there.
func (s *Handler) apiInsurancePolicyCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.PolicyInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	p, created, err := s.Insurance.SubmitPolicy(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	w.Header().Set("Location", "/api/v1/insurance/policies/"+url.PathEscape(p.PolicyNumber))
	s.WriteJSON(w, r, status, p)
}
