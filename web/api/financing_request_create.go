package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiFinancingRequestCreate files an enterprise's financing request,
// shared with the banks and leasing firms it names.
func (s *Handler) apiFinancingRequestCreate(w http.ResponseWriter, r *http.Request) {
	if err := firstset.CheckRequestFinancing(httpx.ActorOf(r)); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.FinancingRequestInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	fr, err := s.Financing.RequestFinancing(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, fr)
}
