package web

import (
	"net/http"
	"net/url"
	"strconv"

	"firstset"
)

// maxCatalogQuery is the longest catalog search, in characters, as the
// service takes it.
const maxCatalogQuery = 50

// catalogQueryFrom reads a catalog search's filters from the query,
// shared by the search page, its export and the API; problems are left in
// q for the caller to answer with the paging ones. cats is the category
// list if the caller has it; otherwise it is read only when a category is
// asked for, to check that it exists.
func (s *Server) catalogQueryFrom(r *http.Request, q *queryReader, cats []firstset.Category) (firstset.CatalogQuery, error) {
	cq := firstset.CatalogQuery{
		Query:        q.text("q", "搜索词", maxCatalogQuery),
		DistrictCode: q.district("district"),
		CategoryID:   q.id("category", "装备类别"),
		InnovationLevel: firstset.InnovationLevel(q.choice("level", "创新水平",
			func(s string) bool { return firstset.InnovationLevel(s).Valid() }, names(firstset.InnovationLevels))),
		Status: firstset.ProductStatus(q.choice("status", "认定状态",
			func(s string) bool { return firstset.ProductStatus(s).Valid() }, names(firstset.ProductStatuses))),
	}
	if cq.CategoryID == 0 {
		return cq, nil
	}
	if cats == nil {
		var err error
		if cats, err = s.opts.Products.Categories(r.Context()); err != nil {
			return cq, err
		}
	}
	for _, c := range cats {
		if c.ID == cq.CategoryID {
			return cq, nil
		}
	}
	q.add("category", "unknown_category", "参数 category（装备类别）：编号为 %d 的类别不存在。", cq.CategoryID)
	cq.CategoryID = 0
	return cq, nil
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
