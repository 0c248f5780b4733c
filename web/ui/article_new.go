package ui

import (
	"net/http"
	"net/url"

	"firstset"
	"firstset/date"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

type articleForm struct {
	Article *firstset.Article // nil for a new one
	Values  url.Values
	Errors  forms.Errors
}

// handleArticleNew shows the form writing an article (reviewers),
// published today unless the reviewer says otherwise.
func (s *Handler) handleArticleNew(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageArticles(httpx.ActorOf(r))) {
		return
	}
	s.render(w, r, http.StatusOK, "article_form", "撰写文章", articleForm{Values: url.Values{
		"kind": {string(firstset.ArticleNotice)}, "publish_on": {date.Today().String()}}})
}
