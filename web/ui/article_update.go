package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleArticleUpdate saves the article form (reviewers).
func (s *Handler) handleArticleUpdate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageArticles(httpx.ActorOf(r))) {
		return
	}
	x, ok := httpx.LoadByID(s.Base, w, r, nil, s.Articles.FindArticleByID)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.ArticleInputFrom(r.PostForm, &problems)
	err := problems.Err()
	saved := x
	if err == nil {
		saved, err = s.Articles.UpdateArticle(r.Context(), x.ID, in)
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.render(w, r, http.StatusUnprocessableEntity, "article_form", "编辑文章",
				articleForm{Article: x, Values: r.PostForm, Errors: forms.NewErrors(err, forms.ArticleFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/articles/"+httpx.Itoa(saved.ID), "文章已保存，状态："+saved.StatusLabel+"。")
}
