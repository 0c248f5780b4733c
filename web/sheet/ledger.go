package sheet

import (
	"bytes"
	"fmt"
	"net/http"
	"time"

	"firstset"
	"firstset/date"
	"firstset/web/httpx"
)

// LedgerSheet is the name of the ledger export's worksheet.
const LedgerSheet = "奖补拨付台账"

// ledgerColumns are the export's headers and widths, in cell order.
var ledgerColumns = []Column{
	{Header: "申请编号", Width: 18}, {Header: "奖补类型", Width: 14}, {Header: "批次", Width: 36}, {Header: "年度", Width: 8},
	{Header: "生产企业", Width: 30}, {Header: "装备", Width: 30}, {Header: "收款单位", Width: 30},
	{Header: "拨付金额（元）", Width: 16}, {Header: "拨付日期", Width: 12}, {Header: "凭证号", Width: 20}, {Header: "银行流水号", Width: 20},
}

// Ledger lays out a ledger: a title, a row per payment (amounts
// as the exact yuan text), and the totals.
func Ledger(l *firstset.Ledger, now time.Time) (*bytes.Buffer, error) {
	title := fmt.Sprintf("重庆市首台（套）重大技术装备奖补拨付台账（导出时间：%s，共 %d 笔）", now.Format("2006-01-02 15:04"), l.Total)
	ws, err := NewWriter(LedgerSheet, title, ledgerColumns)
	if err != nil {
		return nil, err
	}
	for _, d := range l.Items {
		if err := ws.Add(d.Number, firstset.IncentiveLabel(d.Kind), d.RoundTitle, fmt.Sprint(d.Year), d.EnterpriseName,
			d.ProductName, d.Payee, d.Amount.String(), ISODate(d.PaidOn), d.Voucher, d.BankReference); err != nil {
			ws.Close()
			return nil, err
		}
	}
	if err := ws.Add("合计", "", "", "", "", "", fmt.Sprintf("%d 笔", len(l.Items)), l.TotalPaid.String(), "", "", ""); err != nil {
		ws.Close()
		return nil, err
	}
	return ws.Finish()
}

// ServeLedger sends the ledger the caller may see, with the ledger's
// filters from the query, as a workbook ending in a totals row: the page's
// export and the API's are this one answer.
func ServeLedger(s *httpx.Base, w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	f := q.LedgerFilter()
	f.Limit = MaxExportRows
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	l, err := s.Incentives.Ledger(r.Context(), f)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	now := time.Now().In(date.Shanghai)
	body, err := Ledger(l, now)
	if err != nil {
		s.ServeError(w, r, fmt.Errorf("build ledger workbook: %w", err))
		return
	}
	Send(w, body, "ledger", LedgerSheet, now)
}
