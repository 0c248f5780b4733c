package httpx

import (
	"net/http"

	"firstset"
)

// InstitutionQuery reads an institution listing's filters (kind, q, page),
// for the page and the API alike.
func InstitutionQuery(r *http.Request) (firstset.InstitutionFilter, error) {
	q := NewQueryReader(r)
	page, per := q.Page(50)
	kinds := make([]string, len(firstset.InstitutionKinds))
	for i, k := range firstset.InstitutionKinds {
		kinds[i] = string(k)
	}
	kind := q.Choice("kind", "机构类型", func(v string) bool { return firstset.InstitutionKind(v).Valid() }, kinds)
	f := firstset.InstitutionFilter{Kind: firstset.InstitutionKind(kind),
		Query: q.Text("q", "关键词", MaxListQuery), Offset: (page - 1) * per, Limit: per}
	return f, q.Err()
}
