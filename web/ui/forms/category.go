package forms

import (
	"net/url"
	"strconv"
	"strings"

	"firstset"
	"firstset/web/httpx"
)

// CategoryFields are the inputs the category form shows.
var CategoryFields = []string{"name", "sort"}

// CategoryInputFrom reads the add form; an empty sort order is 0.
func CategoryInputFrom(v url.Values, p *firstset.Problems) (in httpx.CategoryInput, sortText string) {
	in.Name = strings.TrimSpace(v.Get("name"))
	sortText = strings.TrimSpace(v.Get("sort"))
	if sortText == "" {
		return in, sortText
	}
	n, err := strconv.Atoi(sortText)
	if err != nil {
		p.Add("sort", firstset.EINVALID, "排序须为 0 至 %d 之间的整数。", firstset.MaxCategorySort)
		return in, sortText
	}
	in.Sort = n
	return in, sortText
}
