package web

import (
	"net/url"
	"strconv"
	"strings"

	"firstset"
)

// catalogQueryFrom reads a catalog search from URL parameters, shared by
// the search page and the API. Unknown values are dropped rather than
// refused: a search is never an error.
func catalogQueryFrom(v url.Values, page, per int) firstset.CatalogQuery {
	q := firstset.CatalogQuery{
		Query:        strings.TrimSpace(v.Get("q")),
		DistrictCode: strings.TrimSpace(v.Get("district")),
		Offset:       (page - 1) * per,
		Limit:        per,
	}
	if id, err := strconv.ParseInt(v.Get("category"), 10, 64); err == nil && id > 0 {
		q.CategoryID = id
	}
	if l := firstset.InnovationLevel(v.Get("level")); l.Valid() {
		q.InnovationLevel = l
	}
	if st := firstset.ProductStatus(v.Get("status")); st.Valid() {
		q.Status = st
	}
	return q
}
