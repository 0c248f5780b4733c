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

func complaintTotal(t *testing.T, c *client, query string) int {
	t.Helper()
	w := c.get("/api/v1/complaints" + query)
	wantStatus(t, "complaints"+query, w, 200)
	var l struct{ Total int }
	decode(t, w, &l)
	return l.Total
}

const complaintClauses = "投标人须提供近三年不少于5个同类设备供货业绩，否则投标无效。\n投标产品近三年国内销量排名前五的得5分。"

// runComplaintFlow files complaints about tenders and handles them over
// the API, with every refusal on the way and who sees what.
func runComplaintFlow(t *testing.T, env *accountabilityEnv) {
	scopes := []firstset.Scope{firstset.ScopeCasesRead, firstset.ScopeCasesWrite, firstset.ScopeMarketRead, firstset.ScopeMarketWrite}
	makerScopes := scopes[:2]
	entA, entB := env.token("ent-a", makerScopes...), env.token("ent-b", makerScopes...)
	buyer, buyer2, supervisor := env.token("buyer", scopes...), env.token("buyer2", scopes...), env.token("tender", scopes...)
	reviewer, admin := env.token("reviewer", scopes...), env.login("admin")
	buyerID := env.purchase(buyer, env.recA.ID, "300000.00").BuyerID
	// The handling limit of 30 working days runs into next year, whose
	// calendar an administrator enters.
	year, _, _ := date.Today().Parts()
	next := strconv.Itoa(year + 1)
	wantStatus(t, "next year's calendar", admin.sendJSON(http.MethodPut, "/api/v1/calendar/"+next,
		map[string]any{"days": []map[string]any{{"date": next + "-01-01", "work": false, "name": "元旦"}}}, nil), 200)
	saved := func(c *client, title string) *firstset.TenderCheck {
		w := c.sendJSON(http.MethodPost, "/api/v1/tender-checks", map[string]any{"title": title, "text": complaintClauses}, nil)
		wantStatus(t, "tender check", w, 201)
		var tc firstset.TenderCheck
		decode(t, w, &tc)
		return &tc
	}
	ownCheck, otherCheck := saved(buyer, "数控设备采购招标文件"), saved(buyer2, "另一份招标文件")

	in := map[string]any{"product_id": env.recA.ID, "buyer_id": buyerID, "tender_title": "数控设备采购招标文件",
		"tender_number": "CQGD-2026-017", "clauses": complaintClauses,
		"account": "招标文件以供货业绩作为资格条件、以销量排名评分，排斥首台（套）产品。"}
	with := func(k string, v any) map[string]any {
		out := map[string]any{}
		for key, val := range in {
			out[key] = val
		}
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
		return out
	}

	// Refusals, field by field; nothing is stored.
	wantStatus(t, "malformed", entA.sendJSON(http.MethodPost, "/api/v1/complaints", `{"product_id":`, nil), 400)
	wantStatus(t, "a buyer files", buyer.sendJSON(http.MethodPost, "/api/v1/complaints", in, nil), 403)
	wantStatus(t, "a reviewer files", reviewer.sendJSON(http.MethodPost, "/api/v1/complaints", in, nil), 403)
	wantStatus(t, "the public files", env.public().sendJSON(http.MethodPost, "/api/v1/complaints", in, nil), 401)
	wantField(t, entA.sendJSON(http.MethodPost, "/api/v1/complaints", with("product_id", env.recB.ID), nil), 422, "product_id")
	wantField(t, entA.sendJSON(http.MethodPost, "/api/v1/complaints", with("product_id", env.draftA.ID), nil), 422, "product_id")
	wantField(t, entA.sendJSON(http.MethodPost, "/api/v1/complaints", with("tender_title", " "), nil), 422, "tender_title")
	wantField(t, entA.sendJSON(http.MethodPost, "/api/v1/complaints", with("account", nil), nil), 422, "account")
	wantField(t, entA.sendJSON(http.MethodPost, "/api/v1/complaints", with("buyer_id", nil), nil), 422, "buyer_name")
	wantField(t, entA.sendJSON(http.MethodPost, "/api/v1/complaints", with("buyer_id", 999999), nil), 422, "buyer_id")
	wantField(t, entA.sendJSON(http.MethodPost, "/api/v1/complaints", with("tender_check_id", ownCheck.ID), nil), 422, "tender_check_id")
	wantField(t, entA.sendJSON(http.MethodPost, "/api/v1/complaints", with("clauses", strings.Repeat("条款", 3000)), nil), 422, "clauses")
	if n := complaintTotal(t, supervisor, ""); n != 0 {
		t.Fatalf("refused complaints stored: %d", n)
	}

	// A complaint: numbered, checked against the rules, timed.
	w := entA.sendJSON(http.MethodPost, "/api/v1/complaints", in, nil)
	wantStatus(t, "file", w, 201)
	var c firstset.Complaint
	decode(t, w, &c)
	if c.Status != firstset.ComplaintSubmitted || !strings.HasPrefix(c.Number, "TS-") || c.EnterpriseID != env.entA.ID ||
		c.BuyerID != buyerID || c.BuyerName == "" || c.ClauseFinds < 2 || len(c.ClauseReport) == 0 || c.FiledOn.IsZero() {
		t.Fatalf("filed: %+v", c)
	}
	if c.DueOn.IsZero() || c.Overdue {
		t.Errorf("acceptance limit: due %v overdue %v", c.DueOn, c.Overdue)
	}

	// Who sees it: the maker, the buyer named, the supervisor; never
	// another maker or buyer, nor the reviewers.
	one := idPath("/api/v1/complaints/{id}", c.ID)
	for _, tc := range []struct {
		who  string
		c    *client
		want int
	}{{"maker", entA, 200}, {"buyer named", buyer, 200}, {"supervisor", supervisor, 200}, {"admin", admin, 200},
		{"another maker", entB, 404}, {"another buyer", buyer2, 404}, {"reviewer", reviewer, 404}, {"public", env.public(), 401}} {
		wantStatus(t, tc.who, tc.c.get(one), tc.want)
	}
	wantStatus(t, "reviewer lists", reviewer.get("/api/v1/complaints"), 403)
	if n := complaintTotal(t, entB, ""); n != 0 {
		t.Errorf("another maker lists %d", n)
	}
	if n := complaintTotal(t, buyer2, ""); n != 0 {
		t.Errorf("another buyer lists %d", n)
	}
	wantField(t, supervisor.get("/api/v1/complaints?status=open"), 400, "status")

	// Handling: the supervisor only, stage by stage, reasons where the
	// decision ends the complaint.
	act := idPath("/api/v1/complaints/{id}/actions", c.ID)
	wantStatus(t, "buyer acts", buyer.sendJSON(http.MethodPost, act, map[string]any{"action": "accept"}, nil), 403)
	wantStatus(t, "another maker acts", entB.sendJSON(http.MethodPost, act, map[string]any{"action": "withdraw"}, nil), 404)
	wantStatus(t, "maker accepts", entA.sendJSON(http.MethodPost, act, map[string]any{"action": "accept"}, nil), 403)
	wantStatus(t, "upheld before accepted", supervisor.sendJSON(http.MethodPost, act, map[string]any{"action": "uphold", "opinion": "成立"}, nil), 409)
	wantField(t, supervisor.sendJSON(http.MethodPost, act, map[string]any{"action": "reject"}, nil), 422, "opinion")
	wantField(t, supervisor.sendJSON(http.MethodPost, act, map[string]any{}, nil), 422, "action")
	wantStatus(t, "unknown action", supervisor.sendJSON(http.MethodPost, act, map[string]any{"action": "teleport"}, nil), 403)
	wantField(t, supervisor.sendJSON(http.MethodPost, act, map[string]any{"action": "accept", "tender_check_id": otherCheck.ID}, nil), 422, "tender_check_id")
	wantField(t, entA.sendJSON(http.MethodPost, act, map[string]any{"action": "withdraw", "tender_check_id": ownCheck.ID}, nil), 422, "tender_check_id")
	wantStatus(t, "malformed action", supervisor.sendJSON(http.MethodPost, act, `{"action":`, nil), 400)
	w = supervisor.sendJSON(http.MethodPost, act, map[string]any{"action": "accept", "tender_check_id": ownCheck.ID}, nil)
	wantStatus(t, "accept", w, 200)
	var accepted firstset.Complaint
	decode(t, w, &accepted)
	if accepted.Status != firstset.ComplaintAccepted || accepted.AcceptedAt == nil || accepted.TenderCheckID != ownCheck.ID ||
		!accepted.DueOn.After(c.DueOn) {
		t.Fatalf("accepted: %+v (filed due %v)", accepted, c.DueOn)
	}

	// Past the handling limit it shows overdue, first on the open list.
	later := accepted.DueOn.AddDays(1).Time().Add(10 * time.Hour)
	clock := env.svc.Now
	env.svc.Now = func() time.Time { return later }
	w = supervisor.get(one)
	decode(t, w, &accepted)
	if !accepted.Overdue {
		t.Errorf("not overdue on %v, due %v", later, accepted.DueOn)
	}
	env.svc.Now = clock

	wantField(t, supervisor.sendJSON(http.MethodPost, act, map[string]any{"action": "dismiss", "opinion": " "}, nil), 422, "opinion")
	w = supervisor.sendJSON(http.MethodPost, act, map[string]any{"action": "uphold",
		"opinion": "招标文件以供货业绩作为资格条件，违反渝经信规范〔2024〕9号第（四）条，投诉成立，责令修改。"}, nil)
	wantStatus(t, "uphold", w, 200)
	decode(t, w, &c)
	if c.Status != firstset.ComplaintUpheld || c.Answer == "" || c.AnsweredAt == nil || !c.DueOn.IsZero() || c.Overdue {
		t.Fatalf("upheld: %+v", c)
	}
	wantStatus(t, "upheld twice", supervisor.sendJSON(http.MethodPost, act, map[string]any{"action": "uphold", "opinion": "再次"}, nil), 409)
	wantStatus(t, "withdrawn after", entA.sendJSON(http.MethodPost, act, map[string]any{"action": "withdraw"}, nil), 409)

	// A buyer not named at first is linked by the supervisor, then sees
	// it; the maker withdraws it.
	unnamed := with("buyer_id", nil)
	unnamed["buyer_name"] = "两江新区建设投资有限公司"
	w = entA.sendJSON(http.MethodPost, "/api/v1/complaints", unnamed, nil)
	wantStatus(t, "buyer by name", w, 201)
	var byName firstset.Complaint
	decode(t, w, &byName)
	two := idPath("/api/v1/complaints/{id}", byName.ID)
	wantStatus(t, "unlinked buyer", buyer2.get(two), 404)
	wantField(t, entA.sendJSON(http.MethodPost, two+"/actions", map[string]any{"action": "withdraw", "buyer_id": buyerID}, nil), 422, "buyer_id")
	wantStatus(t, "accept and link", supervisor.sendJSON(http.MethodPost, two+"/actions",
		map[string]any{"action": "accept", "buyer_id": env.projectOwner.ID}, nil), 200)
	wantStatus(t, "linked buyer", buyer2.get(two), 200)
	if n := complaintTotal(t, buyer2, ""); n != 1 {
		t.Errorf("linked buyer lists %d", n)
	}
	w = entA.sendJSON(http.MethodPost, two+"/actions", map[string]any{"action": "withdraw", "opinion": "招标人已主动修改。"}, nil)
	wantStatus(t, "withdraw", w, 200)
	decode(t, w, &byName)
	if byName.Status != firstset.ComplaintWithdrawn || byName.Answer != "" {
		t.Errorf("withdrawn: %+v", byName)
	}

	// The supervisor records a complaint received in writing: the maker is
	// the product's, and sees it.
	onBehalf := with("product_id", env.recB.ID)
	onBehalf["enterprise_id"] = env.entA.ID
	wantField(t, supervisor.sendJSON(http.MethodPost, "/api/v1/complaints", onBehalf, nil), 422, "enterprise_id")
	delete(onBehalf, "enterprise_id")
	onBehalf["tender_check_id"] = ownCheck.ID
	w = supervisor.sendJSON(http.MethodPost, "/api/v1/complaints", onBehalf, nil)
	wantStatus(t, "on behalf", w, 201)
	var written firstset.Complaint
	decode(t, w, &written)
	if written.EnterpriseID != env.entB.ID || written.TenderCheckID != ownCheck.ID {
		t.Errorf("on behalf: %+v", written)
	}
	wantStatus(t, "its maker sees it", entB.get(idPath("/api/v1/complaints/{id}", written.ID)), 200)
	if n := complaintTotal(t, supervisor, "?open=1"); n != 1 {
		t.Errorf("supervisor's open complaints: %d, want 1", n)
	}
	w = supervisor.sendJSON(http.MethodPost, idPath("/api/v1/complaints/{id}/actions", written.ID),
		map[string]any{"action": "reject", "opinion": "投诉人未在法定期限内提出。"}, nil)
	wantStatus(t, "reject", w, 200)

	w = admin.get("/api/v1/audit?entity_type=complaint")
	var audit struct{ Total int }
	decode(t, w, &audit)
	if audit.Total != 8 { // three filed, two accepted, one upheld, one withdrawn, one rejected
		t.Errorf("audit entries of complaints: %d, want 8", audit.Total)
	}
}

func TestComplaintFlow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		runComplaintFlow(t, newAccountabilityEnv(t, store))
	})
}

// TestComplaintPages: a maker files on the page, the supervisor accepts
// and, after confirming, upholds it on the page.
func TestComplaintPages(t *testing.T) {
	env := newAccountabilityEnv(t, newTestStore(t))
	page := env.login("ent-a")
	w := page.get("/complaints")
	if w.Code != 200 || !strings.Contains(w.Body.String(), "提出投诉") || !strings.Contains(w.Body.String(), env.recA.Name) {
		t.Fatalf("maker's page: %d", w.Code)
	}
	form := url.Values{"product_id": {httpx.Itoa(env.recA.ID)}, "tender_title": {"数控设备采购招标文件"}, "clauses": {complaintClauses}}
	w = page.postForm("/complaints", form)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "请填写投诉事项及理由") {
		t.Fatalf("no account: %d", w.Code)
	}
	form.Set("account", "以业绩和销量排名排斥首台（套）产品。")
	form.Set("buyer_name", "重庆某集团有限公司")
	w = page.postForm("/complaints", form)
	wantStatus(t, "file on the page", w, http.StatusSeeOther)
	to := w.Header().Get("Location")
	if w := env.login("ent-b").get(to); w.Code != 404 {
		t.Errorf("another maker opens %s: %d", to, w.Code)
	}
	if w := page.get(to); !strings.Contains(w.Body.String(), "撤回投诉") || !strings.Contains(w.Body.String(), "平台核对结果") {
		t.Errorf("maker's complaint page lacks the withdrawal or the check")
	}
	sup := env.login("tender")
	if w := sup.get("/"); !strings.Contains(w.Body.String(), "<strong>1</strong><span>招标投诉待受理、处理中") {
		t.Errorf("the supervisor's home lacks the waiting complaint")
	}
	w = sup.get(to)
	if w.Code != 200 || !strings.Contains(w.Body.String(), `value="accept"`) {
		t.Fatalf("supervisor's page: %d", w.Code)
	}
	wantStatus(t, "accept on the page", sup.postForm(to+"/actions", url.Values{"action": {"accept"}}), http.StatusSeeOther)
	decision := url.Values{"action": {"uphold"}, "opinion": {"投诉成立，责令修改。"}}
	w = sup.postForm(to+"/actions", decision)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "请勾选确认") {
		t.Fatalf("unconfirmed uphold: %d", w.Code)
	}
	decision.Set("confirm", "1")
	wantStatus(t, "uphold on the page", sup.postForm(to+"/actions", decision), http.StatusSeeOther)
	if w := page.get(to); !strings.Contains(w.Body.String(), "投诉成立，责令修改。") || strings.Contains(w.Body.String(), "撤回投诉") {
		t.Errorf("closed complaint page")
	}
	if w := sup.get("/"); !strings.Contains(w.Body.String(), `href="/complaints"`) {
		t.Errorf("no nav entry for the supervisor")
	}
}
