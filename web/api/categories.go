package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

func (s *Handler) apiCategories(w http.ResponseWriter, r *http.Request) {
	cats, err := s.Products.Categories(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if cats == nil {
		cats = []firstset.Category{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[firstset.Category]{Items: cats, Total: len(cats)})
}
