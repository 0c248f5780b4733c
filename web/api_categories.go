package web

import (
	"net/http"

	"firstset"
)

func (s *Server) apiCategories(w http.ResponseWriter, r *http.Request) {
	cats, err := s.opts.Products.Categories(r.Context())
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	if cats == nil {
		cats = []firstset.Category{}
	}
	s.writeJSON(w, r, http.StatusOK, listResponse[firstset.Category]{Items: cats, Total: len(cats)})
}
