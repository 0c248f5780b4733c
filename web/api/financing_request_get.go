package api

import (
	"net/http"

	"firstset/web/httpx"
)

// apiFinancingRequestGet returns a request: to its enterprise with every
// answer, to a lender it was shared with with its own.
func (s *Handler) apiFinancingRequestGet(w http.ResponseWriter, r *http.Request) {
	fr, ok := httpx.LoadByID(s.Base, w, r, nil, s.Financing.FindFinancingRequestByID)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, fr)
}
