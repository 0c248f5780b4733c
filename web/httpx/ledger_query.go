package httpx

import "firstset"

// IncentiveKind reads the kind parameter: one of the incentives, or none.
func (q *QueryReader) IncentiveKind() string {
	return q.Choice("kind", "奖补类型", firstset.IsIncentive, firstset.IncentiveKinds)
}

// LedgerFilter reads the ledger's filters, for the API and the pages:
// product_id, enterprise_id, round_id, application_id, year and kind.
func (q *QueryReader) LedgerFilter() firstset.LedgerFilter {
	return firstset.LedgerFilter{
		ProductID:     q.ID("product_id", "装备编号"),
		EnterpriseID:  q.ID("enterprise_id", "企业编号"),
		RoundID:       q.ID("round_id", "奖补批次"),
		ApplicationID: q.ID("application_id", "奖补申请"),
		Year:          q.Number("year", "年度", 2024, 2100, 0),
		Kind:          q.IncentiveKind(),
	}
}
