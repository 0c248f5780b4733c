package ui

import (
	"net/http"

	"firstset"
)

type libraryShowPage struct {
	Document *firstset.PolicyDocument
	// Related are the articles the caller sees that cite each clause, by
	// clause id.
	Related map[string][]*firstset.Article
}

// handleLibraryShow shows one document of the library, every clause under
// its own anchor (/policies/M24#M24-2), which explanations citing the
// clause link to.
func (s *Handler) handleLibraryShow(w http.ResponseWriter, r *http.Request) {
	docs, err := s.Articles.PolicyDocuments(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var doc *firstset.PolicyDocument
	for _, d := range docs {
		if d.ID == r.PathValue("id") {
			doc = d
		}
	}
	if doc == nil {
		s.ServeError(w, r, firstset.NotFound("政策文件"))
		return
	}
	page := libraryShowPage{Document: doc, Related: map[string][]*firstset.Article{}}
	list, _, err := s.Articles.FindArticles(r.Context(), firstset.ArticleFilter{Limit: 200})
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	for _, x := range list {
		for _, id := range x.ClauseIDs {
			page.Related[id] = append(page.Related[id], x)
		}
	}
	s.render(w, r, http.StatusOK, "policy_show", doc.Title, page)
}
