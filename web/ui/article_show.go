package ui

import (
	"net/http"
	"strings"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

type articleShowPage struct {
	Article    *firstset.Article
	Paragraphs []string
	Clauses    []*firstset.PolicyClause
	Manage     bool
	Errors     forms.Errors
}

// handleArticleShow shows one article; the public sees published ones
// only.
func (s *Handler) handleArticleShow(w http.ResponseWriter, r *http.Request) {
	x, ok := httpx.LoadByID(s.Base, w, r, nil, s.Articles.FindArticleByID)
	if !ok {
		return
	}
	s.renderArticle(w, r, http.StatusOK, x, forms.Errors{})
}

func (s *Handler) renderArticle(w http.ResponseWriter, r *http.Request, status int, x *firstset.Article, errs forms.Errors) {
	page := articleShowPage{Article: x, Manage: firstset.CanManageArticles(httpx.ActorOf(r)), Errors: errs}
	for _, p := range strings.Split(x.Body, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			page.Paragraphs = append(page.Paragraphs, p)
		}
	}
	for _, id := range x.ClauseIDs {
		c, err := s.Articles.PolicyClause(r.Context(), id)
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
		page.Clauses = append(page.Clauses, c)
	}
	s.render(w, r, status, "article_show", x.Title, page)
}
