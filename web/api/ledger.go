package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiLedger lists the disbursement ledger the caller may see, with the
// count and total paid of everything the filters pass.
func (s *Handler) apiLedger(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(50)
	f := ledgerFilterFrom(q)
	f.Offset, f.Limit = (page-1)*per, per
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	l, err := s.Incentives.Ledger(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, l)
}

// ledgerFilterFrom reads the ledger's filters: product_id,
// enterprise_id, round_id, application_id, year and kind.
func ledgerFilterFrom(q *httpx.QueryReader) firstset.LedgerFilter {
	return firstset.LedgerFilter{
		ProductID:     q.ID("product_id", "装备编号"),
		EnterpriseID:  q.ID("enterprise_id", "企业编号"),
		RoundID:       q.ID("round_id", "奖补批次"),
		ApplicationID: q.ID("application_id", "奖补申请"),
		Year:          q.Number("year", "年度", 2024, 2100, 0),
		Kind:          incentiveKindParam(q),
	}
}
