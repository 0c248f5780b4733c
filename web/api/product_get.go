package api

import (
	"net/http"

	"firstset"
	"firstset/date"
	"firstset/web/httpx"
)

// productView is a product with its validity in force and, once it has
// been in the catalog, its history there.
type productView struct {
	*firstset.Product
	ValidityInForce date.Date                `json:"validity"`
	History         []*firstset.ProductEvent `json:"history"`
	// Honours are its main R&D people honoured at launch events: names,
	// roles and years, never their ID numbers.
	Honours []firstset.Honour `json:"honours"`
}

func (s *Handler) apiProductGet(w http.ResponseWriter, r *http.Request) {
	p, ok := httpx.LoadByID(s.Base, w, r, nil, s.Products.FindProductByID)
	if !ok {
		return
	}
	s.writeProduct(w, r, p)
}

// writeProduct answers with p, its validity and its history.
func (s *Handler) writeProduct(w http.ResponseWriter, r *http.Request, p *firstset.Product) {
	v := productView{Product: p, ValidityInForce: p.Validity, History: []*firstset.ProductEvent{}, Honours: []firstset.Honour{}}
	if p.EverRecognised() {
		h, err := s.Lifecycle.ProductHistory(r.Context(), p.ID)
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
		v.History = h
	}
	honours, err := s.Launch.ProductHonours(r.Context(), p.ID)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	v.Honours = honours
	s.WriteJSON(w, r, http.StatusOK, v)
}
