package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleArticleEdit shows the form editing an article (reviewers).
func (s *Handler) handleArticleEdit(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageArticles(httpx.ActorOf(r))) {
		return
	}
	x, ok := httpx.LoadByID(s.Base, w, r, nil, s.Articles.FindArticleByID)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "article_form", "编辑文章", articleForm{Article: x, Values: forms.ArticleInputOf(x)})
}
