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

// StatisticsSheet is the name of the insurance statistics' worksheet.
const StatisticsSheet = "首台套保险统计"

var statisticsColumns = []Column{
	{Header: "年度", Width: 8}, {Header: "保险机构", Width: 36}, {Header: "保单数", Width: 10},
	{Header: "保险金额（元）", Width: 20}, {Header: "保费（元）", Width: 18}, {Header: "保费补贴（元）", Width: 18},
	{Header: "赔案数", Width: 10}, {Header: "已付赔款（元）", Width: 18}, {Header: "赔付率（%）", Width: 12},
}

// InsuranceStatistics lays out the scheme's statistics: a row per insurer
// and year, then each year's total.
func InsuranceStatistics(st *firstset.InsuranceStatistics, now time.Time) (*bytes.Buffer, error) {
	title := fmt.Sprintf("重庆市首台（套）重大技术装备保险统计（按保单起保年度，导出时间：%s）", now.Format("2006-01-02 15:04"))
	ws, err := NewWriter(StatisticsSheet, title, statisticsColumns)
	if err != nil {
		return nil, err
	}
	for _, x := range append(append([]firstset.InsuranceStatistic{}, st.Items...), st.Totals...) {
		if err := ws.Add(fmt.Sprint(x.Year), x.InstitutionName, x.Policies, x.Insured.String(), x.Premiums.String(),
			x.Subsidies.String(), x.Claims, x.ClaimsPaid.String(), x.LossRatio); err != nil {
			ws.Close()
			return nil, err
		}
	}
	return ws.Finish()
}

// ServeInsuranceStatistics sends the statistics the caller may see
// (?year= for one underwriting year) as a workbook: the page's export and
// the API's are this one answer.
func ServeInsuranceStatistics(s *httpx.Base, w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	year := q.Number("year", "年度", 2000, 2100, 0)
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	st, err := s.Insurance.Statistics(r.Context(), year)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	now := time.Now().In(date.Shanghai)
	body, err := InsuranceStatistics(st, now)
	if err != nil {
		s.ServeError(w, r, fmt.Errorf("build statistics workbook: %w", err))
		return
	}
	Send(w, body, "insurance-statistics", StatisticsSheet, now)
}
