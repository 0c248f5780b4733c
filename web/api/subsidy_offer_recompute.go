package api

import "net/http"

// offersRecomputed is how many offers a recomputation wrote.
type offersRecomputed struct {
	Written int `json:"written"`
}

// apiSubsidyOfferRecompute recomputes every offer of every open subsidy
// round from the insurers' data.
func (s *Handler) apiSubsidyOfferRecompute(w http.ResponseWriter, r *http.Request) {
	n, err := s.Insurance.RecomputeOffers(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, offersRecomputed{Written: n})
}
