package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiPolicyList returns the policy library's documents with their
// clauses, for everyone.
func (s *Handler) apiPolicyList(w http.ResponseWriter, r *http.Request) {
	list, err := s.Articles.PolicyDocuments(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.PolicyDocument]{Items: list, Total: len(list)})
}
