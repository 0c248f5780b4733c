package api

import "net/http"

// apiInsurancePolicyGet reads one of the insurer's own policies by number.
func (s *Handler) apiInsurancePolicyGet(w http.ResponseWriter, r *http.Request) {
	p, err := s.Insurance.Policy(r.Context(), r.PathValue("policy_number"))
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, p)
}
