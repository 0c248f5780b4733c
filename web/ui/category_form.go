package ui

import (
	"net/http"

	"firstset"
	"firstset/web/ui/forms"
)

// categoryListPage is the administrator's category page: the list and the
// form for a new entry, which keeps what was typed when it is refused.
type categoryListPage struct {
	Categories []firstset.Category
	Name       string
	Sort       string // as typed, so a malformed number is shown back
	Errors     forms.Errors
}

func (s *Handler) renderCategoryPage(w http.ResponseWriter, r *http.Request, status int, page categoryListPage) {
	cats, err := s.Products.Categories(r.Context())
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	page.Categories = cats
	s.render(w, r, status, "category_list", "装备类别管理", page)
}
