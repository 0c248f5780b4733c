package api

import (
	"net/http"

	"firstset"
)

// apiArticleCreate writes a policy, notice or interpretation (reviewers).
func (s *Handler) apiArticleCreate(w http.ResponseWriter, r *http.Request) {
	var in firstset.ArticleInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	x, err := s.Articles.CreateArticle(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, x)
}
