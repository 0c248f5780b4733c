package ui

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"firstset"
	"firstset/web/httpx"
)

// categoryListPage is the administrator's category page: the list and the
// form for a new entry, which keeps what was typed when it is refused.
type categoryListPage struct {
	Categories []firstset.Category
	Name       string
	Sort       string // as typed, so a malformed number is shown back
	Errors     formErrors
}

var categoryFields = []string{"name", "sort"}

// categoryInputFrom reads the add form; an empty sort order is 0.
func categoryInputFrom(v url.Values, p *firstset.Problems) (in httpx.CategoryInput, sortText string) {
	in.Name = strings.TrimSpace(v.Get("name"))
	sortText = strings.TrimSpace(v.Get("sort"))
	if sortText == "" {
		return in, sortText
	}
	n, err := strconv.Atoi(sortText)
	if err != nil {
		p.Add("sort", firstset.EINVALID, "排序须为 0 至 %d 之间的整数。", httpx.MaxCategorySort)
		return in, sortText
	}
	in.Sort = n
	httpx.CheckCategorySort(n, p)
	return in, sortText
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
