package httpx

import "firstset"

// FinancingStatuses are the names ?status= takes on the financing lists.
var FinancingStatuses = []string{string(firstset.FinancingOpen), string(firstset.FinancingGranted),
	string(firstset.FinancingWithdrawn), string(firstset.FinancingClosed)}

// FinancingFilter reads a listing of financing requests: ?status=,
// ?awaiting=1 (a lender's requests waiting for its answer), the page.
func (q *QueryReader) FinancingFilter() firstset.FinancingFilter {
	page, per := q.Page(20)
	return firstset.FinancingFilter{
		Status:   firstset.FinancingStatus(q.Choice("status", "状态", func(v string) bool { return firstset.FinancingStatus(v).Valid() }, FinancingStatuses)),
		Awaiting: q.Flag("awaiting", "待答复"),
		Offset:   (page - 1) * per, Limit: per,
	}
}
