package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleArticleCreate saves a new article (reviewers).
func (s *Handler) handleArticleCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageArticles(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.ArticleInputFrom(r.PostForm, &problems)
	err := problems.Err()
	var x *firstset.Article
	if err == nil {
		x, err = s.Articles.CreateArticle(r.Context(), in)
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.render(w, r, http.StatusUnprocessableEntity, "article_form", "撰写文章",
				articleForm{Values: r.PostForm, Errors: forms.NewErrors(err, forms.ArticleFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/articles/"+httpx.Itoa(x.ID), "文章已保存，状态："+x.StatusLabel+"。")
}
