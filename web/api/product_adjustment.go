package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiProductAdjustment revokes, restores or re-dates a recognition
// (动态调整) and answers with the product as it now stands.
func (s *Handler) apiProductAdjustment(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.AdjustmentInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	p, err := s.Lifecycle.AdjustProduct(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.writeProduct(w, r, p)
}

// apiProductHistory is a product's history in the catalog.
func (s *Handler) apiProductHistory(w http.ResponseWriter, r *http.Request) {
	list, ok := httpx.LoadByID(s.Base, w, r, nil, s.Lifecycle.ProductHistory)
	if !ok {
		return
	}
	s.WriteJSON(w, r, http.StatusOK, map[string]any{"items": list})
}
