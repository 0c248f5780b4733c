package web

import (
	"context"
	"net/url"
	"strconv"

	"firstset"
)

// maxCatalogQuery is the longest catalog search, in characters, as the
// service takes it.
const maxCatalogQuery = 50

// catalogQueryFrom reads a catalog search's filters from the query,
// shared by the search page, its export and the API; problems are left in
// q for the caller to answer together with the paging ones. Whether the
// category exists is checkCategory's business.
func catalogQueryFrom(q *queryReader) firstset.CatalogQuery {
	return firstset.CatalogQuery{
		Query:        q.text("q", "搜索词", maxCatalogQuery),
		DistrictCode: q.district("district"),
		CategoryID:   q.id("category", "装备类别"),
		InnovationLevel: firstset.InnovationLevel(q.choice("level", "创新水平",
			func(s string) bool { return firstset.InnovationLevel(s).Valid() }, names(firstset.InnovationLevels))),
		Status: firstset.ProductStatus(q.choice("status", "认定状态",
			func(s string) bool { return firstset.ProductStatus(s).Valid() }, names(firstset.ProductStatuses))),
	}
}

// checkCategory refuses a search for a category that does not exist, as
// a bad parameter rather than an empty result. cats is the category list
// if the caller has it (the page does); the API and the export ask only
// when a search found nothing, so a search that finds products costs no
// extra read.
func (s *Server) checkCategory(ctx context.Context, id int64, cats []firstset.Category) error {
	if id == 0 {
		return nil
	}
	if cats == nil {
		var err error
		if cats, err = s.opts.Products.Categories(ctx); err != nil {
			return err
		}
	}
	for _, c := range cats {
		if c.ID == id {
			return nil
		}
	}
	q := &queryReader{}
	q.add("category", "unknown_category", "参数 category（装备类别）：编号为 %d 的类别不存在。", id)
	return q.err()
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
