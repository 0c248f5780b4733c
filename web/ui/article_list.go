package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

type articleListPage struct {
	Articles   []*firstset.Article
	Query      string
	Kind       firstset.ArticleKind
	Pagination forms.Pagination
	// Manage shows drafts and scheduled ones with their status, and the
	// button to write one.
	Manage bool
}

// handleArticleList is the 政策服务 section: notices, interpretations and
// policies, searchable in Chinese; a reviewer also sees drafts and those
// not yet published.
func (s *Handler) handleArticleList(w http.ResponseWriter, r *http.Request) {
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
	page := f.Offset/f.Limit + 1
	s.render(w, r, http.StatusOK, "article_list", "政策服务", articleListPage{Articles: list, Query: f.Query, Kind: f.Kind,
		Pagination: forms.NewPagination(r.URL, page, f.Limit, total), Manage: firstset.CanManageArticles(httpx.ActorOf(r))})
}
