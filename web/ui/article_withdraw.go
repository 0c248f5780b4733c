package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleArticleWithdraw takes an article out of the public's sight, after
// the confirmation (reviewers).
func (s *Handler) handleArticleWithdraw(w http.ResponseWriter, r *http.Request) {
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
	forms.Confirmed(r.PostForm, &problems)
	err := problems.Err()
	if err == nil {
		_, err = s.Articles.WithdrawArticle(r.Context(), x.ID)
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.renderArticle(w, r, http.StatusUnprocessableEntity, x, forms.NewErrors(err, forms.WithdrawFields...))
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/articles/"+httpx.Itoa(x.ID), "文章已撤回，公众不再能看到；编辑后可重新发布。")
}
