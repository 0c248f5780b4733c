package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiFinancingLenderList lists the banks and leasing firms an enterprise
// may share a financing request with.
func (s *Handler) apiFinancingLenderList(w http.ResponseWriter, r *http.Request) {
	list, err := s.Financing.FinancingLenders(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Institution]{Items: list, Total: len(list)})
}
