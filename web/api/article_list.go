package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiArticleList searches the articles the caller sees: the public's are
// the published ones.
func (s *Handler) apiArticleList(w http.ResponseWriter, r *http.Request) {
	f, err := httpx.ArticleQuery(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, total, err := s.Articles.FindArticles(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Article]{Items: list, Total: total})
}
