package httpx

import "firstset"

// ProgrammeFilter reads a listing of programmes' query: ?kind=,
// ?product_id=.
func (q *QueryReader) ProgrammeFilter() firstset.ProgrammeFilter {
	var names []string
	for _, k := range firstset.ProgrammeKinds {
		names = append(names, string(k))
	}
	page, per := q.Page(50)
	return firstset.ProgrammeFilter{
		Kind:      firstset.ProgrammeKind(q.Choice("kind", "类别", func(v string) bool { return firstset.ProgrammeKind(v).Valid() }, names)),
		ProductID: q.ID("product_id", "装备"),
		Offset:    (page - 1) * per, Limit: per,
	}
}
