package httpx

// CategoryInput is the body of POST /api/v1/categories. The sort order's
// range is the service's rule (firstset.MaxCategorySort).
type CategoryInput struct {
	Name string `json:"name"`
	Sort int    `json:"sort"`
}
