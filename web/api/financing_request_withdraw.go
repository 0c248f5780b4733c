package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiFinancingRequestWithdraw takes the enterprise's open request back, with its reasons.
func (s *Handler) apiFinancingRequestWithdraw(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.FinancingNote
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	fr, err := s.Financing.WithdrawFinancing(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, fr)
}
