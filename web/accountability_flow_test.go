package web

import (
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"firstset"
	"firstset/creditcode"
	"firstset/dbtest"
	"firstset/tender/extract/docxtest"
	"firstset/web/httpx"
)

// accountabilityEnv adds to the market's environment a district-owned SOE
// (区县属国有企业) in 两江新区 with its buyer login, whose requests the
// district office decides, and the tender supervisor (市发展改革委).
type accountabilityEnv struct {
	*marketEnv
	districtSOE *firstset.Buyer
}

func newAccountabilityEnv(t *testing.T, store firstset.Store) *accountabilityEnv {
	t.Helper()
	env := &accountabilityEnv{marketEnv: newMarketEnv(t, store)}
	admin := env.token("admin", firstset.ScopeMarketWrite, firstset.ScopeMarketRead)
	w := admin.sendJSON(http.MethodPost, "/api/v1/buyers", firstset.BuyerInput{Name: "重庆两江新区产业发展集团有限公司",
		CreditCode: creditcode.Generate(rand.New(rand.NewPCG(15, 15)), "500112"), Kind: firstset.BuyerSOEDistrict,
		DistrictCode: "500112", Supervisor: "两江新区国资局"}, nil)
	wantStatus(t, "district SOE", w, http.StatusCreated)
	env.districtSOE = new(firstset.Buyer)
	decode(t, w, env.districtSOE)
	env.addUsers(firstset.UserInput{Username: "buyer3", Name: "两江产业集团采购部", Role: firstset.RoleBuyer, BuyerID: env.districtSOE.ID},
		firstset.UserInput{Username: "tender", Name: "市发展改革委招标处", Role: firstset.RoleTender})
	return env
}

// failed records a purchase by c and marks its first use failed.
func (env *accountabilityEnv) failed(c *client, productID int64) *firstset.Procurement {
	t := env.t
	t.Helper()
	p := env.purchase(c, productID, "1200000.00")
	in := map[string]any{"product_id": p.ProductID, "project_name": p.ProjectName, "project_kind": p.ProjectKind,
		"contract_date": p.ContractDate, "amount_yuan": "1200000.00", "method": p.Method, "use_status": "failed"}
	wantStatus(t, "purchase failed", c.sendJSON(http.MethodPut, idPath("/api/v1/procurements/{id}", p.ID), in, nil), 200)
	return p
}

func allConditions() map[string]bool {
	m := map[string]bool{}
	for _, c := range firstset.ExemptionConditions {
		m[c.Key] = true
	}
	return m
}

func exemptionTotal(t *testing.T, c *client, query string) int {
	t.Helper()
	w := c.get("/api/v1/exemptions" + query)
	wantStatus(t, "exemptions"+query, w, 200)
	var l struct{ Total int }
	decode(t, w, &l)
	return l.Total
}

// runExemptionFlow asks for exemptions and decides them over the API,
// with every refusal on the way.
func runExemptionFlow(t *testing.T, env *accountabilityEnv) {
	scopes := []firstset.Scope{firstset.ScopeMarketRead, firstset.ScopeMarketWrite}
	buyer, buyer2, buyer3 := env.token("buyer", scopes...), env.token("buyer2", scopes...), env.token("buyer3", scopes...)
	soe, district, reviewer := env.token("soe", scopes...), env.token("district-lj", scopes...), env.token("reviewer", scopes...)
	admin := env.login("admin")

	p := env.purchase(buyer, env.recA.ID, "900000.00")
	in := map[string]any{"procurement_id": p.ID, "account": "试运行期间未达到合同约定指标，已停用并报告。", "conditions": allConditions()}
	wantField(t, buyer.sendJSON(http.MethodPost, "/api/v1/exemptions", in, nil), 422, "procurement_id") // still contracted
	p = env.failed(buyer, env.recA.ID)
	other := env.failed(buyer2, env.recB.ID)
	in["procurement_id"] = p.ID

	// Refusals, field by field; nothing is stored.
	wantStatus(t, "malformed", buyer.sendJSON(http.MethodPost, "/api/v1/exemptions", `{"procurement_id":`, nil), 400)
	wantStatus(t, "project owner asks", buyer2.sendJSON(http.MethodPost, "/api/v1/exemptions",
		map[string]any{"procurement_id": other.ID, "account": "说明", "conditions": allConditions()}, nil), 403)
	wantStatus(t, "SOE regulator asks", soe.sendJSON(http.MethodPost, "/api/v1/exemptions", in, nil), 403)
	wantStatus(t, "another buyer's purchase", buyer.sendJSON(http.MethodPost, "/api/v1/exemptions",
		map[string]any{"procurement_id": other.ID, "account": "说明", "conditions": allConditions()}, nil), 404)
	wantField(t, buyer.sendJSON(http.MethodPost, "/api/v1/exemptions", map[string]any{"procurement_id": p.ID, "conditions": allConditions()}, nil), 422, "account")
	missing := allConditions()
	delete(missing, "collective_decision")
	wantField(t, buyer.sendJSON(http.MethodPost, "/api/v1/exemptions", map[string]any{"procurement_id": p.ID, "account": "说明", "conditions": missing}, nil), 422, "conditions.collective_decision")
	broke := allConditions()
	broke["rules_followed"] = false
	wantField(t, buyer.sendJSON(http.MethodPost, "/api/v1/exemptions", map[string]any{"procurement_id": p.ID, "account": "说明", "conditions": broke}, nil), 422, "conditions.rules_followed")
	unknown := allConditions()
	unknown["lucky"] = true
	wantField(t, buyer.sendJSON(http.MethodPost, "/api/v1/exemptions", map[string]any{"procurement_id": p.ID, "account": "说明", "conditions": unknown}, nil), 422, "conditions.lucky")
	if n := exemptionTotal(t, buyer, ""); n != 0 {
		t.Fatalf("refused requests stored: %d", n)
	}

	// A request: stored once; a second while it is open is a conflict.
	w := buyer.sendJSON(http.MethodPost, "/api/v1/exemptions", in, nil)
	wantStatus(t, "request", w, 201)
	var e firstset.Exemption
	decode(t, w, &e)
	if e.Status != firstset.ExemptionSubmitted || e.Number == "" || !e.Conditions["no_personal_gain"] {
		t.Fatalf("request: %+v", e)
	}
	wantField(t, buyer.sendJSON(http.MethodPost, "/api/v1/exemptions", in, nil), 409, "procurement_id")

	// Who sees it: the buyer and 市国资委; never another buyer, the
	// manufacturer, the reviewers or another district.
	one := idPath("/api/v1/exemptions/{id}", e.ID)
	wantStatus(t, "own", buyer.get(one), 200)
	wantStatus(t, "regulator", soe.get(one), 200)
	wantStatus(t, "admin", admin.get(one), 200)
	wantStatus(t, "another buyer", buyer2.get(one), 404)
	wantStatus(t, "a district buyer", buyer3.get(one), 404)
	wantStatus(t, "district office, a city SOE", district.get(one), 404)
	wantStatus(t, "reviewer", reviewer.get(one), 404)
	wantStatus(t, "manufacturer", env.login("ent-a").get(one), 404)
	wantStatus(t, "manufacturer lists", env.login("ent-a").get("/api/v1/exemptions"), 403)
	wantStatus(t, "public", env.public().get(one), 401)
	if n := exemptionTotal(t, buyer2, ""); n != 0 {
		t.Errorf("another buyer lists %d requests", n)
	}
	if n := exemptionTotal(t, soe, "?status=submitted"); n != 1 {
		t.Errorf("regulator's waiting list: %d", n)
	}
	wantField(t, soe.get("/api/v1/exemptions?status=open"), 400, "status")

	// The decision: by the regulator only, with reasons, once.
	decide := idPath("/api/v1/exemptions/{id}/decision", e.ID)
	wantStatus(t, "buyer decides", buyer.sendJSON(http.MethodPost, decide, map[string]any{"decision": "granted", "reason": "自己"}, nil), 403)
	wantStatus(t, "district decides a city SOE's", district.sendJSON(http.MethodPost, decide, map[string]any{"decision": "granted", "reason": "理由"}, nil), 404)
	wantStatus(t, "another buyer decides", buyer2.sendJSON(http.MethodPost, decide, map[string]any{"decision": "granted", "reason": "理由"}, nil), 404)
	wantField(t, soe.sendJSON(http.MethodPost, decide, map[string]any{"decision": "maybe", "reason": "理由"}, nil), 422, "decision")
	wantField(t, soe.sendJSON(http.MethodPost, decide, map[string]any{"decision": "granted", "reason": "  "}, nil), 422, "reason")
	wantStatus(t, "malformed decision", soe.sendJSON(http.MethodPost, decide, `{"decision":"granted",`, nil), 400)
	w = soe.sendJSON(http.MethodPost, decide, map[string]any{"decision": "granted", "reason": "符合相关规定的条件、程序、标准，决策程序完备。"}, nil)
	wantStatus(t, "grant", w, 200)
	decode(t, w, &e)
	if e.Status != firstset.ExemptionGranted || e.DecidedAt == nil || e.Reason == "" {
		t.Fatalf("granted: %+v", e)
	}
	wantStatus(t, "decided twice", soe.sendJSON(http.MethodPost, decide, map[string]any{"decision": "refused", "reason": "改判"}, nil), 409)

	// Decided, the purchase may be asked about again.
	w = buyer.sendJSON(http.MethodPost, "/api/v1/exemptions", in, nil)
	wantStatus(t, "a new request after the decision", w, 201)

	// A district SOE's request: its district office decides, 市国资委 sees it.
	dp := env.failed(buyer3, env.recB.ID)
	w = buyer3.sendJSON(http.MethodPost, "/api/v1/exemptions", map[string]any{"procurement_id": dp.ID, "account": "联调未成功。", "conditions": allConditions()}, nil)
	wantStatus(t, "district SOE request", w, 201)
	var de firstset.Exemption
	decode(t, w, &de)
	ddecide := idPath("/api/v1/exemptions/{id}/decision", de.ID)
	wantStatus(t, "regulator sees a district SOE's", soe.get(idPath("/api/v1/exemptions/{id}", de.ID)), 200)
	wantStatus(t, "regulator decides a district SOE's", soe.sendJSON(http.MethodPost, ddecide, map[string]any{"decision": "granted", "reason": "理由"}, nil), 403)
	if n := exemptionTotal(t, district, ""); n != 1 {
		t.Errorf("district office lists %d requests, want its district's one", n)
	}
	wantStatus(t, "district refuses", district.sendJSON(http.MethodPost, ddecide, map[string]any{"decision": "refused", "reason": "未经集体决策，不符合容错条件。"}, nil), 200)

	// Every change is in the audit log.
	w = admin.get("/api/v1/audit?entity_type=exemption")
	wantStatus(t, "audit", w, 200)
	var audit struct{ Total int }
	decode(t, w, &audit)
	if audit.Total != 5 { // three requests, two decisions
		t.Errorf("audit entries of exemptions: %d, want 5", audit.Total)
	}
}

func TestExemptionFlow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		runExemptionFlow(t, newAccountabilityEnv(t, store))
	})
}

// runAccountabilityFlow runs every accountability flow on one environment
// (the OpenAPI test counts the operations they call).
func runAccountabilityFlow(t *testing.T, env *accountabilityEnv) {
	runExemptionFlow(t, env)
	runTenderCheckFlow(t, env)
	runComplaintFlow(t, env)
}

const flowTender = "1. 投标人须提供近三年内不少于3个同类项目的业绩证明。\n2. 投标产品的国内市场占有率不低于20%。"

// runTenderCheckFlow saves a buyer's check with its purchase, marks its
// findings, and shows it to the tender supervisor only.
func runTenderCheckFlow(t *testing.T, env *accountabilityEnv) {
	scopes := []firstset.Scope{firstset.ScopeMarketRead, firstset.ScopeMarketWrite}
	buyer, buyer2, supervisor := env.token("buyer", scopes...), env.token("buyer2", scopes...), env.token("tender", scopes...)
	p := env.purchase(buyer, env.recA.ID, "500000.00")
	other := env.purchase(buyer2, env.recB.ID, "500000.00")

	wantStatus(t, "malformed", buyer.sendJSON(http.MethodPost, "/api/v1/tender-checks", `{"title":`, nil), 400)
	wantField(t, buyer.sendJSON(http.MethodPost, "/api/v1/tender-checks", map[string]any{"title": "招标文件", "text": " "}, nil), 422, "text")
	wantField(t, buyer.sendJSON(http.MethodPost, "/api/v1/tender-checks", map[string]any{"text": flowTender}, nil), 422, "title")
	wantField(t, buyer.sendJSON(http.MethodPost, "/api/v1/tender-checks", map[string]any{"title": "招标文件", "text": flowTender,
		"procurement_id": other.ID}, nil), 422, "procurement_id")
	wantStatus(t, "supervisor saves", supervisor.sendJSON(http.MethodPost, "/api/v1/tender-checks", map[string]any{"title": "招标文件", "text": flowTender}, nil), 403)
	if w := supervisor.get("/api/v1/tender-checks"); !strings.Contains(w.Body.String(), `"total":0`) {
		t.Fatalf("refused checks stored: %s", w.Body)
	}
	w := buyer.sendJSON(http.MethodPost, "/api/v1/tender-checks", map[string]any{"title": "盾构机采购招标文件", "text": flowTender,
		"procurement_id": p.ID}, nil)
	wantStatus(t, "save", w, 201)
	var c firstset.TenderCheck
	decode(t, w, &c)
	if c.Findings < 2 || c.ProcurementID != p.ID || len(c.Report) == 0 {
		t.Fatalf("saved check: %+v", c)
	}
	one := idPath("/api/v1/tender-checks/{id}", c.ID)
	wantStatus(t, "own", buyer.get(one), 200)
	wantStatus(t, "supervisor", supervisor.get(one), 200)
	wantStatus(t, "another buyer", buyer2.get(one), 404)
	wantStatus(t, "enterprise", env.login("ent-a").get(one), 404)
	wantStatus(t, "enterprise lists", env.login("ent-a").get("/api/v1/tender-checks"), 403)
	if w := buyer2.get("/api/v1/tender-checks"); !strings.Contains(w.Body.String(), `"total":0`) {
		t.Errorf("another buyer lists: %s", w.Body)
	}

	mark := func(n int) string { return idPath("/api/v1/tender-checks/{id}/findings/", c.ID) + httpx.Itoa(int64(n)) }
	wantField(t, buyer.sendJSON(http.MethodPost, mark(1), map[string]any{"status": "ignored"}, nil), 422, "status")
	wantField(t, buyer.sendJSON(http.MethodPost, mark(1), map[string]any{"status": "explained"}, nil), 422, "note")
	wantStatus(t, "no such finding", buyer.sendJSON(http.MethodPost, mark(c.Findings+1), map[string]any{"status": "fixed"}, nil), 404)
	wantStatus(t, "supervisor marks", supervisor.sendJSON(http.MethodPost, mark(1), map[string]any{"status": "fixed"}, nil), 403)
	wantStatus(t, "another buyer marks", buyer2.sendJSON(http.MethodPost, mark(1), map[string]any{"status": "fixed"}, nil), 404)
	wantStatus(t, "fixed", buyer.sendJSON(http.MethodPost, mark(1), map[string]any{"status": "fixed"}, nil), 200)
	w = buyer.sendJSON(http.MethodPost, mark(2), map[string]any{"status": "explained", "note": "该项目为改造工程，业绩要求已按首台（套）证明材料视同满足另行说明。"}, nil)
	wantStatus(t, "explained", w, 200)
	decode(t, w, &c)
	if len(c.Marks) != 2 || c.Marks[1].Status != firstset.FindingExplained {
		t.Errorf("marks: %+v", c.Marks)
	}
	if w := supervisor.get("/api/v1/tender-checks?procurement_id=" + httpx.Itoa(p.ID)); !strings.Contains(w.Body.String(), `"total":1`) {
		t.Errorf("supervisor by purchase: %s", w.Body)
	}

	// A Word file uploaded instead of pasted text: checked by paragraph,
	// kept as its text with the file's name.
	doc := docxtest.Paragraphs(t, "第三章 投标人资格要求", "投标人须提供近三年不少于3个同类项目的业绩证明。")
	w = buyer.postMultipart("/api/v1/tender-checks", map[string]string{"title": "上传的招标文件", "procurement_id": httpx.Itoa(p.ID)}, "招标文件.docx", doc)
	wantStatus(t, "upload", w, 201)
	var up firstset.TenderCheck
	decode(t, w, &up)
	if up.FileName != "招标文件.docx" || up.Findings != 1 || !strings.Contains(up.Text, "同类项目的业绩") || up.ProcurementID != p.ID {
		t.Errorf("uploaded check: %+v", up)
	}
	wantField(t, buyer.postMultipart("/api/v1/tender-checks", map[string]string{"title": "图片"}, "a.docx", []byte("\x89PNG\r\n\x1a\n")), 415, "file")
	wantField(t, buyer.postMultipart("/api/v1/tender-checks", map[string]string{"title": "两份", "text": flowTender}, "a.docx", doc), 422, "text")
	wantField(t, buyer.postMultipart("/api/v1/tender-checks", map[string]string{}, "a.docx", doc), 422, "title")
	wantStatus(t, "supervisor uploads", supervisor.postMultipart("/api/v1/tender-checks", map[string]string{"title": "x"}, "a.docx", doc), 403)
	page := env.login("buyer")
	w = page.postMultipart("/tender-checks", map[string]string{"title": "页面上传的招标文件"}, "页面.docx", doc)
	wantStatus(t, "upload on the page", w, http.StatusSeeOther)
	if w := page.get(w.Header().Get("Location")); !strings.Contains(w.Body.String(), "页面.docx") || !strings.Contains(w.Body.String(), "同类项目的业绩") {
		t.Errorf("page of an uploaded check lacks the file name or the finding")
	}
	w = page.postMultipart("/tender-checks", map[string]string{"title": "图片"}, "a.docx", []byte("\x89PNG\r\n\x1a\n"))
	if w.Code != http.StatusUnsupportedMediaType || !strings.Contains(w.Body.String(), "不是 Word 文档") {
		t.Errorf("picture on the page: %d", w.Code)
	}

	w = env.login("admin").get("/api/v1/audit?entity_type=tender_check")
	var audit struct{ Total int }
	decode(t, w, &audit)
	if audit.Total != 5 { // three checks, two marks
		t.Errorf("audit entries of tender checks: %d, want 5", audit.Total)
	}
}

func TestTenderCheckFlow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		runTenderCheckFlow(t, newAccountabilityEnv(t, store))
	})
}

// TestExemptionPages: a buyer asks on the page, the regulator decides on
// the page after confirming.
func TestExemptionPages(t *testing.T) {
	env := newAccountabilityEnv(t, newTestStore(t))
	buyer := env.token("buyer", firstset.ScopeMarketRead, firstset.ScopeMarketWrite)
	p := env.failed(buyer, env.recA.ID)
	page := env.login("buyer")
	w := page.get("/exemptions")
	if w.Code != 200 || !strings.Contains(w.Body.String(), "申请容错免责") || !strings.Contains(w.Body.String(), p.ProjectName) {
		t.Fatalf("buyer's page: %d", w.Code)
	}
	form := url.Values{"procurement_id": {httpx.Itoa(p.ID)}, "account": {"试运行未达标，已停用。"}}
	w = page.postForm("/exemptions", form)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "请说明是否满足条件") {
		t.Fatalf("no conditions: %d", w.Code)
	}
	for _, c := range firstset.ExemptionConditions {
		form.Set("conditions."+c.Key, "yes")
	}
	w = page.postForm("/exemptions", form)
	wantStatus(t, "request on the page", w, http.StatusSeeOther)
	to := w.Header().Get("Location")
	if w := env.login("buyer2").get(to); w.Code != 404 {
		t.Errorf("another buyer opens %s: %d", to, w.Code)
	}
	soe := env.login("soe")
	if w := soe.get("/"); !strings.Contains(w.Body.String(), "<strong>1</strong><span>容错免责申请待认定") {
		t.Errorf("the regulator's home lacks the waiting request")
	}
	if w := env.login("district-lj").get("/"); strings.Contains(w.Body.String(), "容错免责申请待认定") {
		t.Errorf("a district office is asked to decide a city SOE's request")
	}
	w = soe.get(to)
	if w.Code != 200 || !strings.Contains(w.Body.String(), "提交认定") {
		t.Fatalf("regulator's page: %d", w.Code)
	}
	decision := url.Values{"decision": {"granted"}, "reason": {"符合相关规定。"}}
	w = soe.postForm(to+"/decision", decision)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "请勾选确认") {
		t.Fatalf("unconfirmed decision: %d", w.Code)
	}
	decision.Set("confirm", "1")
	wantStatus(t, "decision on the page", soe.postForm(to+"/decision", decision), http.StatusSeeOther)
	if w := soe.get(to); strings.Contains(w.Body.String(), "提交认定") || !strings.Contains(w.Body.String(), "予以免责") {
		t.Errorf("decided page still offers the decision")
	}
	if w := page.get("/"); !strings.Contains(w.Body.String(), `href="/exemptions"`) {
		t.Errorf("no nav entry for the buyer")
	}
}
