package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/web/httpx"
)

// TestClaimsFastTrack reports claims on a policy and takes them through
// the insurer's steps over the API and the pages, with every refusal on
// the way and who sees what.
func TestClaimsFastTrack(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		runClaimFlow(t, newTestEnvOn(t, store))
	})
}

// runClaimFlow is the claims' flow, for its test and the OpenAPI test's
// coverage.
func runClaimFlow(t *testing.T, env *testEnv) {
	env.addUsers(firstset.UserInput{Username: "ins-lp", Name: "渝安财产保险股份有限公司重庆分公司", Role: firstset.RoleInsurer},
		firstset.UserInput{Username: "ins-lp2", Name: "长江财产保险股份有限公司重庆分公司", Role: firstset.RoleInsurer})
	today := date.FromTime(env.svc.Now())
	admin, reviewer := env.login("admin"), env.token("reviewer", firstset.ScopeInsuranceRead)
	// The limits may run into next year, whose calendar an administrator enters.
	year, _, _ := today.Parts()
	next := strconv.Itoa(year + 1)
	wantStatus(t, "next year's calendar", admin.sendJSON(http.MethodPut, "/api/v1/calendar/"+next,
		map[string]any{"days": []map[string]any{{"date": next + "-01-01", "work": false, "name": "元旦"}}}, nil), 200)
	for _, u := range []string{"ins-lp", "ins-lp2"} {
		wantStatus(t, "join "+u, reviewer.sendJSON(http.MethodPost, "/api/v1/consortium/memberships",
			map[string]any{"institution_id": env.institutionOf(u), "joined_on": today.AddDays(-400)}, nil), http.StatusCreated)
	}
	insurer := env.token("ins-lp", firstset.ScopeInsuranceRead, firstset.ScopeInsuranceWrite)
	other := env.token("ins-lp2", firstset.ScopeInsuranceRead, firstset.ScopeInsuranceWrite)
	wantStatus(t, "policy", insurer.sendJSON(http.MethodPost, "/api/v1/insurance/policies", map[string]any{
		"policy_number": "PZS2026-LP-001", "product_id": env.recA.ID, "start": today.AddDays(-200), "end": today.AddDays(165),
		"insured_amount_yuan": "10000000.00", "premium_yuan": "300000.00"}, nil), http.StatusCreated)
	entA := env.token("ent-a", firstset.ScopeCasesRead, firstset.ScopeCasesWrite)
	entB := env.token("ent-b", firstset.ScopeCasesRead, firstset.ScopeCasesWrite)
	buyer := env.token("buyer", firstset.ScopeCasesRead, firstset.ScopeCasesWrite, firstset.ScopeMarketRead, firstset.ScopeMarketWrite)

	report := map[string]any{"policy_number": "PZS2026-LP-001", "occurred_on": today.AddDays(-3),
		"description": "主轴箱异响后停机，拆检发现主轴轴承损坏，现场联系人张工 13800000000。"}
	with := func(k string, v any) map[string]any {
		out := map[string]any{}
		for key, val := range report {
			out[key] = val
		}
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
		return out
	}
	wantField(t, entA.sendJSON(http.MethodPost, "/api/v1/claims", with("policy_number", nil), nil), 422, "policy_number")
	wantField(t, entA.sendJSON(http.MethodPost, "/api/v1/claims", with("policy_number", "PZS-NONE"), nil), 422, "policy_number")
	wantField(t, entA.sendJSON(http.MethodPost, "/api/v1/claims", with("occurred_on", today.AddDays(1)), nil), 422, "occurred_on")
	wantField(t, entA.sendJSON(http.MethodPost, "/api/v1/claims", with("occurred_on", today.AddDays(-300)), nil), 422, "occurred_on")
	wantField(t, entA.sendJSON(http.MethodPost, "/api/v1/claims", with("description", " "), nil), 422, "description")
	wantStatus(t, "malformed", entA.sendJSON(http.MethodPost, "/api/v1/claims", `{"policy_number":`, nil), 400)
	// Another enterprise's policy reads as unknown; insurers do not report.
	wantField(t, entB.sendJSON(http.MethodPost, "/api/v1/claims", report, nil), 422, "policy_number")
	wantStatus(t, "an insurer reporting", insurer.sendJSON(http.MethodPost, "/api/v1/claims", report, nil), http.StatusForbidden)
	wantStatus(t, "the public reporting", env.public().sendJSON(http.MethodPost, "/api/v1/claims", report, nil), http.StatusUnauthorized)

	w := entA.sendJSON(http.MethodPost, "/api/v1/claims", report, nil)
	wantStatus(t, "report", w, http.StatusCreated)
	var c firstset.ClaimCase
	decode(t, w, &c)
	if c.ID == 0 || !strings.HasPrefix(c.Number, "LP-") || c.Status != firstset.ClaimReported || c.DueOn.IsZero() ||
		c.InstitutionID != env.institutionOf("ins-lp") || len(c.Steps) != 1 || c.Steps[0].Action != "report" {
		t.Fatalf("reported: %+v", c)
	}
	one, act := idPath("/api/v1/claims/{id}", c.ID), idPath("/api/v1/claims/{id}/actions", c.ID)

	// Who sees it: the insured, its insurer, the city; never the others.
	for name, cl := range map[string]*client{"ent-a": entA, "ins-lp": insurer, "reviewer": reviewer} {
		wantStatus(t, name+" reads", cl.get(one), http.StatusOK)
	}
	for name, cl := range map[string]*client{"ent-b": entB, "ins-lp2": other, "buyer": buyer} {
		wantStatus(t, name+" reads", cl.get(one), http.StatusNotFound)
	}
	wantStatus(t, "public reads", env.public().get(one), http.StatusUnauthorized)
	claimTotal := func(cl *client, query string) int {
		t.Helper()
		var l httpx.ListResponse[firstset.ClaimCase]
		w := cl.get("/api/v1/claims" + query)
		wantStatus(t, "claims"+query, w, http.StatusOK)
		decode(t, w, &l)
		return l.Total
	}
	if n := claimTotal(other, ""); n != 0 {
		t.Errorf("another insurer lists %d claims", n)
	}
	if n := claimTotal(insurer, "?open=1"); n != 1 {
		t.Errorf("the insurer lists %d open claims", n)
	}
	wantField(t, insurer.get("/api/v1/claims?status=lost"), 400, "status")

	// The steps, in order, each by its party.
	wantStatus(t, "another insurer acting", other.sendJSON(http.MethodPost, act, map[string]any{"action": "acknowledge"}, nil), http.StatusNotFound)
	wantStatus(t, "the insured acknowledging", entA.sendJSON(http.MethodPost, act, map[string]any{"action": "acknowledge"}, nil), http.StatusForbidden)
	wantStatus(t, "assess before acknowledging", insurer.sendJSON(http.MethodPost, act, map[string]any{"action": "assess",
		"opinion": "x", "amount_yuan": "1.00"}, nil), http.StatusConflict)
	wantField(t, insurer.sendJSON(http.MethodPost, act, map[string]any{"action": "acknowledge", "amount_yuan": "5.00"}, nil), 422, "amount_yuan")
	wantField(t, insurer.sendJSON(http.MethodPost, act, map[string]any{}, nil), 422, "action")
	w = insurer.sendJSON(http.MethodPost, act, map[string]any{"action": "acknowledge", "opinion": "已受理，安排查勘。"}, nil)
	wantStatus(t, "acknowledge", w, http.StatusOK)
	decode(t, w, &c)
	if c.Status != firstset.ClaimAcknowledged || len(c.Steps) != 2 || c.Steps[1].Late || c.Steps[1].ByName == "" {
		t.Fatalf("acknowledged: %+v", c)
	}
	wantField(t, insurer.sendJSON(http.MethodPost, act, map[string]any{"action": "assess", "amount_yuan": "1200000.00"}, nil), 422, "opinion")
	wantField(t, insurer.sendJSON(http.MethodPost, act, map[string]any{"action": "assess", "opinion": "轴承损坏",
		"amount_yuan": "10000000.01"}, nil), 422, "amount_yuan")
	w = insurer.sendJSON(http.MethodPost, act, map[string]any{"action": "assess", "opinion": "主轴轴承损坏，属保险责任。",
		"amount_yuan": "1200000.00"}, nil)
	wantStatus(t, "assess", w, http.StatusOK)
	decode(t, w, &c)
	if c.Status != firstset.ClaimAssessed || c.AssessedAmount.String() != "1200000.00" {
		t.Fatalf("assessed: %+v", c)
	}

	// Past the decision's limit the claim is overdue: on the insurer's and
	// the reviewer's lists and homes; the late step says so.
	clock := env.svc.Now
	late := c.DueOn.AddDays(1).Time().Add(10 * time.Hour)
	env.svc.Now = func() time.Time { return late }
	decode(t, insurer.get(one), &c)
	if !c.Overdue {
		t.Errorf("not overdue on %v, due %v", late, c.DueOn)
	}
	if n := claimTotal(reviewer, "?overdue=1"); n != 1 {
		t.Errorf("the reviewer lists %d overdue claims", n)
	}
	if body := env.login("reviewer").get("/").Body.String(); !strings.Contains(body, "保险理赔超过快速通道时限") {
		t.Error("the reviewer's home does not show the overdue claim")
	}
	if body := env.login("ins-lp").get("/").Body.String(); !strings.Contains(body, "保险理赔待办理") {
		t.Error("the insurer's home does not show its open claim")
	}
	wantField(t, insurer.sendJSON(http.MethodPost, act, map[string]any{"action": "decide", "amount_yuan": "1200000.01"}, nil), 422, "amount_yuan")
	w = insurer.sendJSON(http.MethodPost, act, map[string]any{"action": "decide", "amount_yuan": "1000000.00",
		"opinion": "扣除免赔额后核定赔款 100 万元。"}, nil)
	wantStatus(t, "decide", w, http.StatusOK)
	decode(t, w, &c)
	if c.Status != firstset.ClaimApproved || !c.Steps[3].Late || c.ApprovedAmount.String() != "1000000.00" {
		t.Fatalf("decided late: %+v", c)
	}
	env.svc.Now = clock
	wantStatus(t, "withdrawn after the decision", entA.sendJSON(http.MethodPost, act, map[string]any{"action": "withdraw"}, nil), http.StatusConflict)
	wantField(t, insurer.sendJSON(http.MethodPost, act, map[string]any{"action": "pay", "amount_yuan": "900000.00"}, nil), 422, "amount_yuan")
	wantField(t, insurer.sendJSON(http.MethodPost, act, map[string]any{"action": "pay", "paid_on": today.AddDays(1)}, nil), 422, "paid_on")
	w = insurer.sendJSON(http.MethodPost, act, map[string]any{"action": "pay", "opinion": "已转账。"}, nil)
	wantStatus(t, "pay", w, http.StatusOK)
	decode(t, w, &c)
	if c.Status != firstset.ClaimPaid || c.PaidOn != today || c.PaidAmount.String() != "1000000.00" || c.Overdue || len(c.Steps) != 5 {
		t.Fatalf("paid: %+v", c)
	}
	wantStatus(t, "paid twice", insurer.sendJSON(http.MethodPost, act, map[string]any{"action": "pay"}, nil), http.StatusConflict)
	// The paid claim is a claim on the policy, which the subsidy's ladder reads.
	var pol firstset.InsurancePolicy
	decode(t, insurer.get("/api/v1/insurance/policies/PZS2026-LP-001"), &pol)
	if len(pol.Claims) != 1 || pol.Claims[0].Amount.String() != "1000000.00" || pol.Claims[0].OccurredOn != today.AddDays(-3) {
		t.Fatalf("the policy's claims: %+v", pol.Claims)
	}

	// The scheme's statistics by underwriting year: the insurer its own
	// row, the city every row and the totals.
	polYear, _, _ := today.AddDays(-200).Parts()
	var st firstset.InsuranceStatistics
	decode(t, insurer.get("/api/v1/insurance/statistics?year="+strconv.Itoa(polYear)), &st)
	if len(st.Items) != 1 || len(st.Totals) != 0 || st.Items[0].Premiums.String() != "300000.00" || st.Items[0].Claims != 1 ||
		st.Items[0].ClaimsPaid.String() != "1000000.00" || st.Items[0].LossRatio != "333.33" {
		t.Fatalf("the insurer's statistics: %+v", st)
	}
	decode(t, other.get("/api/v1/insurance/statistics"), &st)
	if len(st.Items) != 0 {
		t.Errorf("another insurer's statistics: %+v", st)
	}
	decode(t, reviewer.get("/api/v1/insurance/statistics?year="+strconv.Itoa(polYear)), &st)
	if len(st.Totals) != 1 || st.Totals[0].ClaimsPaid.String() != "1000000.00" {
		t.Errorf("the city's statistics: %+v", st)
	}
	wantField(t, reviewer.get("/api/v1/insurance/statistics?year=1999"), 400, "year")
	if w := reviewer.get("/api/v1/insurance/statistics/export?year=" + strconv.Itoa(polYear)); w.Code != http.StatusOK {
		t.Errorf("statistics export over the API: %d", w.Code)
	}
	wantStatus(t, "an enterprise's statistics", entA.get("/api/v1/insurance/statistics"), http.StatusForbidden)
	if w := env.login("reviewer").get("/insurance/statistics.xlsx"); w.Code != http.StatusOK ||
		!strings.Contains(w.Header().Get("Content-Type"), "spreadsheetml") {
		t.Errorf("statistics export: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	if body := env.login("reviewer").get("/insurance/statistics").Body.String(); !strings.Contains(body, "333.33%") {
		t.Error("the statistics page lacks the loss ratio")
	}

	// A declined claim, and one withdrawn.
	decline := func(occurred date.Date) firstset.ClaimCase {
		t.Helper()
		w := entA.sendJSON(http.MethodPost, "/api/v1/claims", with("occurred_on", occurred), nil)
		wantStatus(t, "report", w, http.StatusCreated)
		var d firstset.ClaimCase
		decode(t, w, &d)
		return d
	}
	d := decline(today.AddDays(-1))
	dact := idPath("/api/v1/claims/{id}/actions", d.ID)
	wantStatus(t, "acknowledge", insurer.sendJSON(http.MethodPost, dact, map[string]any{"action": "acknowledge"}, nil), 200)
	wantStatus(t, "assess", insurer.sendJSON(http.MethodPost, dact, map[string]any{"action": "assess", "opinion": "操作不当", "amount_yuan": "50000"}, nil), 200)
	wantField(t, insurer.sendJSON(http.MethodPost, dact, map[string]any{"action": "decline"}, nil), 422, "opinion")
	wantStatus(t, "decline", insurer.sendJSON(http.MethodPost, dact, map[string]any{"action": "decline",
		"opinion": "事故因违规操作所致，属保险条款第七条责任免除情形。"}, nil), 200)
	wd := decline(today.AddDays(-2))
	wantStatus(t, "withdraw", entA.sendJSON(http.MethodPost, idPath("/api/v1/claims/{id}/actions", wd.ID),
		map[string]any{"action": "withdraw", "opinion": "经核实设备可自行修复。"}, nil), 200)
	if n := claimTotal(entA, "?status=declined"); n != 1 {
		t.Errorf("declined: %d", n)
	}

	// A unit using the product reports once it has bought it; the insured
	// sees that claim but may not withdraw it.
	wantField(t, buyer.sendJSON(http.MethodPost, "/api/v1/claims", report, nil), 422, "policy_number")
	wantStatus(t, "purchase", buyer.sendJSON(http.MethodPost, "/api/v1/procurements", map[string]any{"product_id": env.recA.ID,
		"project_name": "轨道交通18号线工程", "project_kind": "key_project", "contract_date": today.AddDays(-10),
		"amount_yuan": "3000000.00", "method": "public_tender"}, nil), http.StatusCreated)
	w = buyer.sendJSON(http.MethodPost, "/api/v1/claims", report, nil)
	wantStatus(t, "a buyer's report", w, http.StatusCreated)
	var bc firstset.ClaimCase
	decode(t, w, &bc)
	if bc.BuyerID == 0 || bc.BuyerName == "" || bc.EnterpriseID != env.entA.ID {
		t.Fatalf("a buyer's claim: %+v", bc)
	}
	bact := idPath("/api/v1/claims/{id}/actions", bc.ID)
	wantStatus(t, "the insured reads it", entA.get(idPath("/api/v1/claims/{id}", bc.ID)), 200)
	wantStatus(t, "the insured withdrawing it", entA.sendJSON(http.MethodPost, bact, map[string]any{"action": "withdraw"}, nil), http.StatusForbidden)

	// The pages: the report form in Chinese, the confirmation before a
	// step that cannot be undone.
	page := env.login("ent-a")
	w = page.postForm("/claims", url.Values{"policy_number": {"PZS2026-LP-001"}, "occurred_on": {today.String()}})
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "请填写出险经过") {
		t.Fatalf("a report without description: %d %s", w.Code, w.Body)
	}
	w = page.postForm("/claims", url.Values{"policy_number": {"PZS2026-LP-001"}, "occurred_on": {today.String()},
		"description": {"控制柜进水。"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("report on the page: %d %s", w.Code, w.Body)
	}
	pageID, err := strconv.ParseInt(strings.TrimPrefix(w.Header().Get("Location"), "/claims/"), 10, 64)
	if err != nil {
		t.Fatalf("redirect to %q", w.Header().Get("Location"))
	}
	ins := env.login("ins-lp")
	pact := idPath("/claims/{id}/actions", pageID)
	if w := ins.postForm(pact, url.Values{"action": {"acknowledge"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("acknowledge on the page: %d %s", w.Code, w.Body)
	}
	if w := ins.postForm(pact, url.Values{"action": {"assess"}, "amount_yuan": {"8万"}, "opinion": {"控制柜主板损坏。"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("assess on the page: %d %s", w.Code, w.Body)
	}
	w = ins.postForm(pact, url.Values{"action": {"decline"}, "opinion": {"不属保险责任。"}})
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "请勾选确认") {
		t.Fatalf("declining without the confirmation: %d %s", w.Code, w.Body)
	}
	body := ins.get(idPath("/claims/{id}", pageID)).Body.String()
	for _, want := range []string{"待核赔", "80,000.00", "查勘定损", "同意赔付", "拒赔", "办理进程"} {
		if !strings.Contains(body, want) {
			t.Errorf("the claim page lacks %q", want)
		}
	}
	if body := page.get("/claims").Body.String(); !strings.Contains(body, "提交报案") || !strings.Contains(body, bc.Number) {
		t.Error("the enterprise's claim list lacks the form or the buyer's claim")
	}
	if w := env.login("ent-b").get(idPath("/claims/{id}", pageID)); w.Code != http.StatusNotFound {
		t.Errorf("another enterprise opens the claim page: %d", w.Code)
	}
}
