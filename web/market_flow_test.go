package web

import (
	"bytes"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"firstset"
	"firstset/creditcode"
	"firstset/date"
	"firstset/service"
	"firstset/web/httpx"
)

// marketEnv is a test environment with two buyers of different kinds
// and districts, the SOE regulator and a district office.
type marketEnv struct {
	*testEnv
	projectOwner *firstset.Buyer
	contract     date.Date // in the period the flow reports
	period       string
}

func newMarketEnv(t *testing.T, store firstset.Store) *marketEnv {
	t.Helper()
	font := certificateFont(t)
	env := &marketEnv{testEnv: newTestEnvConfig(t, store, func(c *service.Config) { c.Documents.Font = font })}
	admin := env.token("admin", firstset.ScopeMarketWrite, firstset.ScopeMarketRead)
	w := admin.sendJSON(http.MethodPost, "/api/v1/buyers", firstset.BuyerInput{Name: "重庆两江新区建设投资有限公司",
		CreditCode: creditcode.Generate(rand.New(rand.NewPCG(9, 9)), "500112"), Kind: firstset.BuyerProjectOwner,
		DistrictCode: "500112", Supervisor: "两江新区管委会"}, nil)
	if w.Code != http.StatusCreated {
		t.Fatalf("create buyer: %d %s", w.Code, w.Body)
	}
	env.projectOwner = new(firstset.Buyer)
	decode(t, w, env.projectOwner)
	env.addUsers(
		firstset.UserInput{Username: "buyer2", Name: "两江建投项目部", Role: firstset.RoleBuyer, BuyerID: env.projectOwner.ID},
		firstset.UserInput{Username: "soe", Name: "市国资委", Role: firstset.RoleSOE},
		firstset.UserInput{Username: "district-lj", Name: "两江新区经信局", Role: firstset.RoleDistrict, DistrictCode: "500112"},
	)
	// Contracts ten days ago: the products were recognised 30 days ago.
	env.contract = date.Today().AddDays(-10)
	y, m, _ := env.contract.Parts()
	env.period = strconv.Itoa(y) + "Q" + strconv.Itoa((int(m)-1)/3+1)
	return env
}

func (env *marketEnv) purchase(c *client, productID int64, amount string) *firstset.Procurement {
	env.t.Helper()
	w := c.sendJSON(http.MethodPost, "/api/v1/procurements", map[string]any{"product_id": productID,
		"project_name": "轨道交通18号线工程", "project_kind": "key_project", "contract_date": env.contract,
		"amount_yuan": amount, "method": "public_tender"}, nil)
	if w.Code != http.StatusCreated {
		env.t.Fatalf("purchase: %d %s", w.Code, w.Body)
	}
	var p firstset.Procurement
	decode(env.t, w, &p)
	return &p
}

func wantField(t *testing.T, w *httptest.ResponseRecorder, status int, field string) {
	t.Helper()
	if w.Code != status || !strings.Contains(w.Body.String(), `"field":"`+field+`"`) {
		t.Fatalf("want %d on %s, got %d %s", status, field, w.Code, w.Body)
	}
}

// runMarketFlow records purchases, totals and a bulletin over the API,
// checking each access rule on the way.
func runMarketFlow(t *testing.T, env *marketEnv) {
	buyer := env.token("buyer", firstset.ScopeMarketRead, firstset.ScopeMarketWrite)
	buyer2 := env.token("buyer2", firstset.ScopeMarketRead, firstset.ScopeMarketWrite)
	soe := env.token("soe", firstset.ScopeMarketRead, firstset.ScopeMarketWrite)
	district := env.token("district-lj", firstset.ScopeMarketRead)
	reviewer := env.token("reviewer", firstset.ScopeMarketRead, firstset.ScopeMarketWrite)
	admin := env.token("admin", firstset.ScopeMarketWrite, firstset.ScopeMarketRead)
	pub := env.public()

	// Buyers: administrators register them, with a checked credit code.
	wantField(t, admin.sendJSON(http.MethodPost, "/api/v1/buyers", firstset.BuyerInput{Name: "某单位",
		CreditCode: "91500000000000000X", Kind: firstset.BuyerGovernment, DistrictCode: "500103"}, nil), 422, "credit_code")
	wantField(t, admin.sendJSON(http.MethodPost, "/api/v1/buyers", firstset.BuyerInput{Name: "重名单位",
		CreditCode: env.projectOwner.CreditCode, Kind: firstset.BuyerGovernment, DistrictCode: "500103"}, nil), 409, "credit_code")
	wantStatus(t, "buyer creating a buyer", buyer.sendJSON(http.MethodPost, "/api/v1/buyers", firstset.BuyerInput{}, nil), 403)
	wantStatus(t, "buyer by id", admin.get(idPath("/api/v1/buyers/{id}", env.projectOwner.ID)), 200)
	wantStatus(t, "another buyer's organisation", buyer.get(idPath("/api/v1/buyers/{id}", env.projectOwner.ID)), 404)
	wantStatus(t, "buyers", admin.get("/api/v1/buyers?kind=project_owner"), 200)
	upd := firstset.BuyerInput{Name: env.projectOwner.Name, CreditCode: env.projectOwner.CreditCode, Kind: firstset.BuyerProjectOwner,
		DistrictCode: "500112", Supervisor: "两江新区管理委员会"}
	wantStatus(t, "update buyer", admin.sendJSON(http.MethodPut, idPath("/api/v1/buyers/{id}", env.projectOwner.ID), upd, nil), 200)

	// Purchases: field by field refusals, nothing stored.
	bad := map[string]any{"product_id": env.recA.ID, "project_name": "询价项目", "project_kind": "key_project",
		"contract_date": env.contract, "amount_yuan": "1000.00", "method": "inquiry"}
	wantField(t, buyer.sendJSON(http.MethodPost, "/api/v1/procurements", bad, nil), 422, "recommendation")
	bad["method"], bad["contract_date"] = "public_tender", date.Today().AddDays(-60)
	wantField(t, buyer.sendJSON(http.MethodPost, "/api/v1/procurements", bad, nil), 422, "contract_date")
	bad["contract_date"], bad["product_id"] = env.contract, env.draftA.ID
	wantField(t, buyer.sendJSON(http.MethodPost, "/api/v1/procurements", bad, nil), 422, "product_id")
	bad["product_id"], bad["amount_yuan"] = env.recA.ID, 1000
	wantField(t, buyer.sendJSON(http.MethodPost, "/api/v1/procurements", bad, nil), 400, "amount_yuan")
	bad["amount_yuan"] = "1000.00"
	wantStatus(t, "public purchase", pub.sendJSON(http.MethodPost, "/api/v1/procurements", bad, nil), 401)
	wantStatus(t, "regulator recording a purchase", soe.sendJSON(http.MethodPost, "/api/v1/procurements", bad, nil), 403)

	own := env.purchase(buyer, env.recA.ID, "1250000.00")
	other := env.purchase(buyer2, env.recB.ID, "800000.00")
	if own.BuyerID != env.buyerOrg.ID || own.EnterpriseID != env.entA.ID || own.UseStatus != firstset.UseContracted {
		t.Fatalf("purchase: %+v", own)
	}
	list := func(c *client, query string) []int64 {
		t.Helper()
		w := c.get("/api/v1/procurements" + query)
		wantStatus(t, "list purchases", w, 200)
		var l httpx.ListResponse[*firstset.Procurement]
		decode(t, w, &l)
		ids := []int64{}
		for _, p := range l.Items {
			ids = append(ids, p.ID)
		}
		return ids
	}
	for _, c := range []struct {
		who  *client
		want []int64
	}{{buyer, []int64{own.ID}}, {buyer2, []int64{other.ID}}, {soe, []int64{own.ID, other.ID}},
		{reviewer, []int64{own.ID, other.ID}}, {district, []int64{other.ID}}} {
		if got := list(c.who, ""); !sameIDs(got, c.want) {
			t.Errorf("purchases seen: %v, want %v", got, c.want)
		}
	}
	if got := list(buyer, "?buyer_id="+httpx.Itoa(env.projectOwner.ID)); len(got) != 0 {
		t.Errorf("a buyer asking for another's purchases got %v", got)
	}
	wantStatus(t, "public list", pub.get("/api/v1/procurements"), 401)
	wantStatus(t, "another buyer's purchase", buyer.get(idPath("/api/v1/procurements/{id}", other.ID)), 404)
	wantStatus(t, "another district's purchase", district.get(idPath("/api/v1/procurements/{id}", own.ID)), 404)
	wantStatus(t, "regulator reads a purchase", soe.get(idPath("/api/v1/procurements/{id}", own.ID)), 200)
	change := map[string]any{"product_id": env.recA.ID, "project_name": own.ProjectName, "project_kind": "key_project",
		"contract_date": env.contract, "amount_yuan": "1250000.00", "method": "public_tender",
		"delivered_on": env.contract.AddDays(2), "accepted_on": env.contract.AddDays(1), "use_status": "in_use"}
	wantField(t, buyer.sendJSON(http.MethodPut, idPath("/api/v1/procurements/{id}", own.ID), change, nil), 422, "accepted_on")
	change["accepted_on"] = env.contract.AddDays(3)
	wantStatus(t, "update purchase", buyer.sendJSON(http.MethodPut, idPath("/api/v1/procurements/{id}", own.ID), change, nil), 200)
	wantStatus(t, "update another's", buyer2.sendJSON(http.MethodPut, idPath("/api/v1/procurements/{id}", own.ID), change, nil), 404)

	// Equipment totals and the SOE share: 1,250,000 of 5,000,000 is 25.00%.
	wantField(t, buyer.sendJSON(http.MethodPost, "/api/v1/procurement-totals", map[string]any{"period": "2026Q5",
		"equipment_total_yuan": "1.00"}, nil), 422, "period")
	total := map[string]any{"period": env.period, "equipment_total_yuan": "4000000.00"}
	wantStatus(t, "total", buyer.sendJSON(http.MethodPost, "/api/v1/procurement-totals", total, nil), 201)
	total["equipment_total_yuan"] = "3750000.00"
	wantStatus(t, "total replaced", buyer.sendJSON(http.MethodPost, "/api/v1/procurement-totals", total, nil), 200)
	wantStatus(t, "totals", buyer.get("/api/v1/procurement-totals"), 200)
	w := soe.get("/api/v1/soe-shares?period=" + env.period)
	wantStatus(t, "shares", w, 200)
	var shares struct {
		Items []struct {
			BuyerID        int64                      `json:"buyer_id"`
			FirstSet       string                     `json:"first_set_yuan"`
			EquipmentTotal *string                    `json:"equipment_total_yuan"`
			SharePercent   *float64                   `json:"share_percent"`
			Assessment     []firstset.AssessmentEntry `json:"assessment"`
		} `json:"items"`
	}
	decode(t, w, &shares)
	if len(shares.Items) != 1 || shares.Items[0].BuyerID != env.buyerOrg.ID || shares.Items[0].FirstSet != "1250000.00" ||
		shares.Items[0].SharePercent == nil || *shares.Items[0].SharePercent != 33.33 || len(shares.Items[0].Assessment) != 2 {
		t.Fatalf("shares: %s", w.Body)
	}
	if !strings.Contains(w.Body.String(), `"share_percent":33.33`) {
		t.Errorf("share not two decimals: %s", w.Body)
	}
	wantStatus(t, "buyer reading shares", buyer.get("/api/v1/soe-shares?period="+env.period), 403)
	wantField(t, soe.get("/api/v1/soe-shares?period=Q3"), 422, "period")
	if w := district.get("/api/v1/soe-shares?period=" + env.period); w.Code != 200 || strings.Contains(w.Body.String(), `"buyer_id"`) {
		t.Errorf("a district sees only its district's SOEs: %s", w.Body)
	}

	exerciseImport(t, env, buyer)
	exerciseBulletin(t, env, soe, reviewer, buyer, buyer2, pub)
}

func sameIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[int64]bool{}
	for _, x := range a {
		seen[x] = true
	}
	for _, x := range b {
		if !seen[x] {
			return false
		}
	}
	return true
}

// exerciseImport fills in the template: a file with a bad row stores
// nothing and names the row and column; the corrected file stores all.
func exerciseImport(t *testing.T, env *marketEnv, buyer *client) {
	t.Helper()
	w := buyer.get("/api/v1/procurements/template.xlsx")
	wantStatus(t, "template", w, 200)
	f, err := excelize.OpenReader(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[0]
	rows := [][]any{
		{env.recA.ID, "两江隧道工程", "重点建设工程", env.contract.String(), "300000.00", "竞争性磋商", "采购人推荐甲、专家推荐乙", "", "", "已签订合同", ""},
		{env.recB.ID, "市政府投资项目", "政府投资项目", env.contract.String(), "200000", "公开招标", "", "", "", "", ""},
		{env.recA.ID, "坏行", "不存在的类型", "2026-13-01", "-5", "公开招标", "", "", "", "", ""},
	}
	for i, r := range rows {
		if err := f.SetSheetRow(sheet, "A"+strconv.Itoa(4+i), &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	before := len(mustList(t, env.token("reviewer", firstset.ScopeMarketRead)))
	w = buyer.postMultipart(httpx.ProcurementImportAPIPath, nil, "采购记录.xlsx", buf.Bytes())
	var res firstset.ImportResult
	decode(t, w, &res)
	if w.Code != 422 || res.Stored != 0 || len(res.Problems) != 3 || res.Problems[0].Row != 6 {
		t.Fatalf("import with a bad row: %d %s", w.Code, w.Body)
	}
	if after := len(mustList(t, env.token("reviewer", firstset.ScopeMarketRead))); after != before {
		t.Fatalf("a refused import stored rows: %d → %d", before, after)
	}
	f.RemoveRow(sheet, 6)
	buf.Reset()
	f.Write(&buf)
	w = buyer.postMultipart(httpx.ProcurementImportAPIPath, nil, "采购记录.xlsx", buf.Bytes())
	decode(t, w, &res)
	if w.Code != 201 || res.Stored != 2 {
		t.Fatalf("import: %d %s", w.Code, w.Body)
	}
	wantField(t, buyer.postMultipart(httpx.ProcurementImportAPIPath, nil, "采购记录.xlsx", []byte("not a workbook")), 422, "file")
	wantField(t, buyer.postMultipart(httpx.ProcurementImportAPIPath, nil, "采购记录.csv", []byte("a,b")), 422, "file")
}

func mustList(t *testing.T, c *client) []*firstset.Procurement {
	t.Helper()
	var l httpx.ListResponse[*firstset.Procurement]
	decode(t, c.get("/api/v1/procurements?per_page=100"), &l)
	return l.Items
}

// exerciseBulletin composes the period's bulletin, checks who sees it
// before and after it is issued, and reads its files back.
func exerciseBulletin(t *testing.T, env *marketEnv, soe, reviewer, buyer, buyer2, pub *client) {
	t.Helper()
	wantStatus(t, "buyer composing", buyer.sendJSON(http.MethodPost, "/api/v1/bulletins", firstset.BulletinInput{Period: env.period}, nil), 403)
	wantField(t, soe.sendJSON(http.MethodPost, "/api/v1/bulletins", firstset.BulletinInput{Period: "2099Q1"}, nil), 422, "period")
	if certificateFont(t) == nil {
		return
	}
	w := soe.sendJSON(http.MethodPost, "/api/v1/bulletins", firstset.BulletinInput{Period: env.period}, nil)
	wantStatus(t, "compose", w, 201)
	var b firstset.Bulletin
	decode(t, w, &b)
	if b.ID == 0 || b.PDFURL == "" || b.XLSXURL == "" || b.Purchases != 4 || b.Status != firstset.BulletinDraft {
		t.Fatalf("bulletin: %s", w.Body)
	}
	wantStatus(t, "a draft to a buyer", buyer.get(b.PDFURL), 404)
	wantStatus(t, "a draft to a buyer", buyer.get(idPath("/api/v1/bulletins/{id}", b.ID)), 404)
	w = reviewer.sendJSON(http.MethodPost, idPath("/api/v1/bulletins/{id}/issue", b.ID), map[string]string{"opinion": "同意印发"}, nil)
	wantStatus(t, "issue", w, 200)
	wantStatus(t, "issued twice", reviewer.sendJSON(http.MethodPost, idPath("/api/v1/bulletins/{id}/issue", b.ID), map[string]string{"opinion": "同意"}, nil), 409)
	wantStatus(t, "issued without an opinion", reviewer.sendJSON(http.MethodPost, idPath("/api/v1/bulletins/{id}/issue", b.ID), map[string]string{}, nil), 422)
	wantStatus(t, "bulletins", buyer2.get("/api/v1/bulletins"), 200)
	wantStatus(t, "an issued bulletin to a buyer", buyer2.get(idPath("/api/v1/bulletins/{id}", b.ID)), 200)
	wantStatus(t, "a bulletin not public", pub.get(idPath("/api/v1/bulletins/{id}", b.ID)), 404)
	chart := buyer.get(idPath("/api/v1/bulletins/{id}", b.ID) + "/charts/0")
	if chart.Code != 200 || !strings.Contains(chart.Body.String(), "<svg") {
		t.Fatalf("chart: %d", chart.Code)
	}

	pdf := buyer.get(b.PDFURL)
	wantStatus(t, "pdf", pdf, 200)
	if !bytes.HasPrefix(pdf.Body.Bytes(), []byte("%PDF")) {
		t.Fatalf("not a PDF")
	}
	if path, err := exec.LookPath("pdftotext"); err == nil {
		file := filepath.Join(t.TempDir(), "b.pdf")
		os.WriteFile(file, pdf.Body.Bytes(), 0o600)
		out, err := exec.Command(path, file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if text := strings.Join(strings.Fields(string(out)), ""); !strings.Contains(text, env.recA.Name) || !strings.Contains(text, "定期通报") && !strings.Contains(text, "通报") {
			t.Errorf("bulletin text lacks the product: %s", text[:min(400, len(text))])
		}
	} else if os.Getenv("CI") == "true" {
		t.Fatal("CI needs pdftotext")
	}
	x := buyer.get(b.XLSXURL)
	wantStatus(t, "xlsx", x, 200)
	f, err := excelize.OpenReader(bytes.NewReader(x.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	// The detail sheet holds every purchase of the period; its amounts
	// add up to the records'.
	var detail string
	for _, s := range f.GetSheetList() {
		if strings.Contains(s, "明细") {
			detail = s
		}
	}
	rows, err := f.GetRows(detail, excelize.Options{RawCellValue: true})
	if err != nil || detail == "" {
		t.Fatalf("detail sheet %q: %v", detail, err)
	}
	var sum float64
	n := 0
	for _, r := range rows {
		for _, c := range r {
			if v, err := strconv.ParseFloat(c, 64); err == nil && (v == 1250000 || v == 800000 || v == 300000 || v == 200000) {
				sum += v
				n++
			}
		}
	}
	if n != 4 || sum != 2550000 {
		t.Errorf("detail amounts: %d rows, %.2f", n, sum)
	}
}

func TestMarketFlow(t *testing.T) {
	runMarketFlow(t, newMarketEnv(t, newTestStore(t)))
}
