package httpx

import "firstset"

// ComplaintFilter reads a complaint listing's filters, for the API and the
// page: status, open (1 for those still waiting), page and per_page.
func (q *QueryReader) ComplaintFilter() firstset.ComplaintFilter {
	var names []string
	for _, st := range firstset.ComplaintStatuses {
		names = append(names, string(st))
	}
	page, per := q.Page(20)
	return firstset.ComplaintFilter{
		Status: firstset.ComplaintStatus(q.Choice("status", "状态", func(v string) bool { return firstset.ComplaintStatus(v).Valid() }, names)),
		Open:   q.Flag("open", "待办"),
		Offset: (page - 1) * per, Limit: per,
	}
}
