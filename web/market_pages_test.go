package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"firstset/web/httpx"
)

// TestMarketPages walks the market side's pages as people do: a buyer
// records a purchase and its totals, tries an import with a bad row, the
// regulator reads the shares, a reviewer composes and issues a bulletin
// after confirming.
func TestMarketPages(t *testing.T) {
	env := newMarketEnv(t, newTestStore(t))
	buyer := env.login("buyer")
	page := buyer.get("/procurements")
	if page.Code != 200 || !strings.Contains(page.Body.String(), "登记采购记录") || !strings.Contains(page.Body.String(), "设备采购总额") {
		t.Fatalf("procurements page: %d", page.Code)
	}
	form := url.Values{"product_id": {httpx.Itoa(env.recA.ID)}, "project_name": {"轨道交通18号线"}, "project_kind": {"key_project"},
		"contract_date": {env.contract.String()}, "amount_yuan": {"125万"}, "method": {"competitive_negotiation"}, "use_status": {"contracted"}}
	w := buyer.postForm("/procurements", form)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "书面推荐") {
		t.Fatalf("negotiation without recommendations: %d %s", w.Code, answerText(w))
	}
	form.Set("recommendation", "采购人推荐甲公司，评审专家推荐甲公司、乙公司")
	to := location(t, buyer.postForm("/procurements", form), "record a purchase")
	show := buyer.get(to)
	if !strings.Contains(show.Body.String(), "1,250,000.00") || !strings.Contains(show.Body.String(), "竞争性谈判") {
		t.Fatalf("purchase page: %s", answerText(show))
	}
	form.Set("use_status", "in_use")
	form.Set("accepted_on", env.contract.AddDays(5).String())
	location(t, buyer.postForm(to, form), "update the purchase")
	if other := env.login("buyer2").get(to); other.Code != 404 {
		t.Errorf("another buyer opened the purchase: %d", other.Code)
	}
	location(t, buyer.postForm("/procurement-totals", url.Values{"period": {env.period}, "equipment_total_yuan": {"500万"}}), "total")
	if w := buyer.postForm("/procurement-totals", url.Values{"period": {"明年"}, "equipment_total_yuan": {"1"}}); w.Code != 422 {
		t.Errorf("bad period: %d", w.Code)
	}

	// An import with a file that is not a workbook shows the problem.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField(httpx.CSRFField, buyer.csrf)
	fw, _ := mw.CreateFormFile("file", "采购.xlsx")
	fw.Write([]byte("plain text"))
	mw.Close()
	w = buyer.request(http.MethodPost, "/procurements/import", &body, http.Header{"Content-Type": {mw.FormDataContentType()}})
	if w.Code != 422 || !strings.Contains(w.Body.String(), "不是有效的 Excel") {
		t.Fatalf("import page: %d %s", w.Code, answerText(w))
	}
	if w := buyer.get("/procurements/template.xlsx"); w.Code != 200 || !strings.Contains(w.Header().Get("Content-Disposition"), ".xlsx") {
		t.Errorf("template: %d", w.Code)
	}

	shares := env.login("soe").get("/soe-shares?period=" + env.period)
	if shares.Code != 200 || !strings.Contains(shares.Body.String(), "25.00%") || !strings.Contains(shares.Body.String(), "业绩考核事项清单") {
		t.Fatalf("shares page: %d %s", shares.Code, answerText(shares))
	}
	if w := buyer.get("/soe-shares"); w.Code != 403 {
		t.Errorf("buyer reading shares: %d", w.Code)
	}

	if certificateFont(t) == nil {
		return
	}
	reviewer := env.login("reviewer")
	to = location(t, reviewer.postForm("/bulletins", url.Values{"period": {env.period}, "public": {"1"}}), "compose")
	if w := env.public().get(to); w.Code != 404 {
		t.Errorf("a draft to the public: %d", w.Code)
	}
	if w := reviewer.postForm(to+"/issue", url.Values{"opinion": {"同意"}}); w.Code != 422 {
		t.Errorf("issue without confirmation: %d", w.Code)
	}
	location(t, reviewer.postForm(to+"/issue", url.Values{"opinion": {"同意"}, "confirm": {"1"}}), "issue")
	pub := env.public().get(to)
	if pub.Code != 200 || !strings.Contains(pub.Body.String(), "/charts/0") {
		t.Fatalf("an issued public bulletin to the public: %d", pub.Code)
	}
	if w := env.public().get("/bulletins"); !strings.Contains(w.Body.String(), to) {
		t.Errorf("public list lacks the bulletin")
	}
}
