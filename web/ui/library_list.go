package ui

import (
	"net/http"

	"firstset"
)

type libraryListPage struct {
	Documents []*firstset.PolicyDocument
	// Later policies and the interpretations, as published articles.
	Policies        []*firstset.Article
	Interpretations []*firstset.Article
}

// handleLibraryList is the policy library: the documents the platform
// applies, clause by clause, and the policies published since.
func (s *Handler) handleLibraryList(w http.ResponseWriter, r *http.Request) {
	docs, err := s.Articles.PolicyDocuments(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	page := libraryListPage{Documents: docs}
	if page.Policies, _, err = s.Articles.FindArticles(r.Context(), firstset.ArticleFilter{Kind: firstset.ArticlePolicy, Limit: 50}); err != nil {
		s.ServeError(w, r, err)
		return
	}
	if page.Interpretations, _, err = s.Articles.FindArticles(r.Context(), firstset.ArticleFilter{Kind: firstset.ArticleInterpretation, Limit: 10}); err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "policy_list", "政策库", page)
}
