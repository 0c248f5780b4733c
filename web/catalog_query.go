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

// catalogFilterValues writes q's filters back as URL parameters, without
// paging, so a link (the Excel export) repeats the search as understood.
func catalogFilterValues(q firstset.CatalogQuery) url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", q.Query)
	if q.CategoryID > 0 {
		v.Set("category", strconv.FormatInt(q.CategoryID, 10))
	}
	set("district", q.DistrictCode)
	set("level", string(q.InnovationLevel))
	set("status", string(q.Status))
	return v
}
