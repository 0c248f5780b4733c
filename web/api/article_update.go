package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiArticleUpdate rewrites an article (reviewers); "draft": true
// withdraws it from the public.
func (s *Handler) apiArticleUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in firstset.ArticleInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	x, err := s.Articles.UpdateArticle(r.Context(), id, in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, x)
}
