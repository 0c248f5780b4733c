package api

import "net/http"

// apiParameterList lists the policy parameters with their dated values and
// the stored changes; they are public, as the policy is.
func (s *Handler) apiParameterList(w http.ResponseWriter, r *http.Request) {
	t, err := s.Parameters.Parameters(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, t)
}
