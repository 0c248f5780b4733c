package httpx

import (
	"context"
	"net/url"
	"strconv"

	"firstset"
)

// MaxCatalogQuery is the longest catalog search, in characters, as the
// service takes it.
const MaxCatalogQuery = 50

// CatalogQueryFrom reads a catalog search's filters from the query,
// shared by the search page, its export and the API; problems are left in
// q for the caller to answer together with the paging ones. Whether the
// category exists is CheckCategory's business.
func CatalogQueryFrom(q *QueryReader) firstset.CatalogQuery {
	return firstset.CatalogQuery{
		Query:        q.Text("q", "搜索词", MaxCatalogQuery),
		DistrictCode: q.District("district"),
		CategoryID:   q.ID("category", "装备类别"),
		InnovationLevel: firstset.InnovationLevel(q.Choice("level", "创新水平",
			func(s string) bool { return firstset.InnovationLevel(s).Valid() }, Names(firstset.InnovationLevels))),
		Status: firstset.ProductStatus(q.Choice("status", "认定状态",
			func(s string) bool { return firstset.ProductStatus(s).Valid() }, Names(firstset.ProductStatuses))),
	}
}

// CheckCategory refuses a search for a category that does not exist, as
// a bad parameter rather than an empty result. cats is the category list
// if the caller has it (the page does); the API and the export ask only
// when a search found nothing, so a search that finds products costs no
// extra read.
func (b *Base) CheckCategory(ctx context.Context, id int64, cats []firstset.Category) error {
	if id == 0 {
		return nil
	}
	if cats == nil {
		var err error
		if cats, err = b.Products.Categories(ctx); err != nil {
			return err
		}
	}
	for _, c := range cats {
		if c.ID == id {
			return nil
		}
	}
	q := &QueryReader{}
	q.Add("category", "unknown_category", "参数 category（装备类别）：编号为 %d 的类别不存在。", id)
	return q.Err()
}

// CatalogFilterValues writes q's filters back as URL parameters, without
// paging, so a link (the Excel export) repeats the search as understood.
func CatalogFilterValues(q firstset.CatalogQuery) url.Values {
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
