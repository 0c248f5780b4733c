package httpx

import "firstset"

// ClaimFilter reads a listing of claims' query: ?status=, ?open=1 (those
// waiting for the insurer), ?overdue=1 (those of them past their limit).
func (q *QueryReader) ClaimFilter() firstset.ClaimCaseFilter {
	var names []string
	for _, st := range firstset.ClaimStatuses {
		names = append(names, string(st))
	}
	page, per := q.Page(20)
	return firstset.ClaimCaseFilter{
		Status:  firstset.ClaimStatus(q.Choice("status", "状态", func(v string) bool { return firstset.ClaimStatus(v).Valid() }, names)),
		Open:    q.Flag("open", "待办"),
		Overdue: q.Flag("overdue", "已超时限"),
		Offset:  (page - 1) * per, Limit: per,
	}
}
