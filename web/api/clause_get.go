package api

import "net/http"

// apiClauseGet returns one clause of the policy library by the id the
// engine cites it by (M24-2, O18-19).
func (s *Handler) apiClauseGet(w http.ResponseWriter, r *http.Request) {
	c, err := s.Articles.PolicyClause(r.Context(), r.PathValue("id"))
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, c)
}
