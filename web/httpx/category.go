package httpx

import "firstset"

// CategoryInput is the body of POST /api/v1/categories.
type CategoryInput struct {
	Name string `json:"name"`
	Sort int    `json:"sort"`
}

// MaxCategorySort keeps the sort order well inside every database's
// integer column.
const MaxCategorySort = 9999

// CheckCategorySort refuses a sort order outside 0 to MaxCategorySort.
func CheckCategorySort(sort int, p *firstset.Problems) {
	if sort < 0 || sort > MaxCategorySort {
		p.Add("sort", firstset.EINVALID, "排序须为 0 至 %d 之间的整数。", MaxCategorySort)
	}
}
