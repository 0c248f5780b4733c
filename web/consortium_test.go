package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/web/httpx"
)

// TestConsortiumComesAndGoes: insurers join and leave the consortium by
// institution, with dates; only a current member's users may send
// policies, and a former member's are refused from its leaving day on.
func TestConsortiumComesAndGoes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		runConsortiumFlow(t, newTestEnvOn(t, store))
	})
}

// runConsortiumFlow is the consortium's flow, for its test and the OpenAPI
// test's coverage.
func runConsortiumFlow(t *testing.T, env *testEnv) {
	env.addUsers(firstset.UserInput{Username: "ins-c", Name: "长嘉财产保险股份有限公司重庆分公司", Role: firstset.RoleInsurer})
	inst := env.institutionOf("ins-c")
	bank := env.institution("重庆渝丰商业银行股份有限公司", firstset.InstitutionBank)
	reviewer := env.token("reviewer", firstset.ScopeInsuranceRead)
	insurer := env.token("ins-c", firstset.ScopeInsuranceRead, firstset.ScopeInsuranceWrite)
	today := date.FromTime(env.svc.Now())
	send := func(number string) (int, string) {
		w := insurer.sendJSON(http.MethodPost, "/api/v1/insurance/policies", map[string]any{"policy_number": number,
			"product_id": env.recA.ID, "start": today.AddDays(-200), "end": today.AddDays(165),
			"insured_amount_yuan": "10000000.00", "premium_yuan": "300000.00"}, nil)
		return w.Code, w.Body.String()
	}
	if code, body := send("GB-1"); code != http.StatusForbidden || !strings.Contains(body, "不是首台（套）保险共保体成员") {
		t.Fatalf("a non-member's policy: %d %s", code, body)
	}

	// Joining: insurers only, once at a time, dated.
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/consortium/memberships", map[string]any{"institution_id": bank.ID,
		"joined_on": "2024-01-01"}, nil), 422, "institution_id")
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/consortium/memberships", map[string]any{"institution_id": inst}, nil), 422, "joined_on")
	wantStatus(t, "an insurer joining", insurer.sendJSON(http.MethodPost, "/api/v1/consortium/memberships",
		map[string]any{"institution_id": inst, "joined_on": "2024-01-01"}, nil), http.StatusForbidden)
	w := reviewer.sendJSON(http.MethodPost, "/api/v1/consortium/memberships", map[string]any{"institution_id": inst, "joined_on": "2024-01-01"}, nil)
	if w.Code != http.StatusCreated {
		t.Fatalf("join: %d %s", w.Code, w.Body)
	}
	var stay firstset.ConsortiumMembership
	decode(t, w, &stay)
	if stay.ID == 0 || !stay.Open() || stay.InstitutionID != inst {
		t.Fatalf("joined %+v", stay)
	}
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/consortium/memberships", map[string]any{"institution_id": inst,
		"joined_on": "2025-01-01"}, nil), 409, "institution_id")
	if code, body := send("GB-1"); code != http.StatusCreated {
		t.Fatalf("a member's policy: %d %s", code, body)
	}

	// Leaving: dated after joining, once; from that day on no policies.
	leave := idPath("/api/v1/consortium/memberships/{id}/leave", stay.ID)
	wantField(t, reviewer.sendJSON(http.MethodPost, leave, map[string]any{}, nil), 422, "left_on")
	wantField(t, reviewer.sendJSON(http.MethodPost, leave, map[string]any{"left_on": "2023-12-31"}, nil), 422, "left_on")
	wantStatus(t, "leave", reviewer.sendJSON(http.MethodPost, leave, map[string]any{"left_on": today}, nil), http.StatusOK)
	wantField(t, reviewer.sendJSON(http.MethodPost, leave, map[string]any{"left_on": today}, nil), 409, "left_on")
	if code, body := send("GB-2"); code != http.StatusForbidden || !strings.Contains(body, "已于 "+today.String()+" 退出") {
		t.Fatalf("a former member's policy: %d %s", code, body)
	}
	// Its policies page says why and offers no form the service would refuse.
	if body := env.login("ins-c").get("/insurance/policies").Body.String(); !strings.Contains(body, "已于 "+today.String()+" 退出") ||
		strings.Contains(body, `action="/insurance/policies"`) {
		t.Error("a former member's policies page offers the forms or does not say why")
	}
	// Coming back: not before the last stay ended.
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/consortium/memberships", map[string]any{"institution_id": inst,
		"joined_on": today.AddDays(-1)}, nil), 422, "joined_on")
	wantStatus(t, "join again", reviewer.sendJSON(http.MethodPost, "/api/v1/consortium/memberships",
		map[string]any{"institution_id": inst, "joined_on": today}, nil), http.StatusCreated)
	if code, body := send("GB-2"); code != http.StatusCreated {
		t.Fatalf("a member's policy after coming back: %d %s", code, body)
	}
	var list httpx.ListResponse[firstset.ConsortiumMembership]
	decode(t, env.token("ent-a", firstset.ScopeCatalogRead).get("/api/v1/consortium/memberships?institution_id="+httpx.Itoa(inst)), &list)
	if list.Total != 2 || list.Items[0].Open() || !list.Items[1].Open() {
		t.Fatalf("the stays: %+v", list)
	}
	wantStatus(t, "public", env.public().get("/api/v1/consortium/memberships"), http.StatusUnauthorized)

	// The page: leaving asks for the confirmation, in Chinese.
	page := env.login("reviewer")
	open := list.Items[1]
	w = page.postForm(idPath("/consortium/{id}/leave", open.ID), url.Values{"left_on": {today.AddDays(30).String()}})
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "请勾选确认") {
		t.Fatalf("leaving without the confirmation: %d %s", w.Code, w.Body)
	}
	w = page.postForm(idPath("/consortium/{id}/leave", open.ID), url.Values{"left_on": {today.AddDays(30).String()}, "confirm": {"1"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("leaving: %d %s", w.Code, w.Body)
	}
	w = page.postForm("/consortium", url.Values{"institution_id": {httpx.Itoa(bank.ID)}, "joined_on": {today.String()}})
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "只有保险机构可以加入") {
		t.Fatalf("a bank joining on the page: %d %s", w.Code, w.Body)
	}
	body := page.get("/consortium").Body.String()
	for _, want := range []string{"长嘉财产保险股份有限公司重庆分公司", "已退出", today.AddDays(30).String(), "保险机构加入共保体"} {
		if !strings.Contains(body, want) {
			t.Errorf("the consortium page lacks %q", want)
		}
	}
	if body := env.login("ins-c").get("/consortium").Body.String(); strings.Contains(body, "办理退出") {
		t.Error("an insurer is offered the leaving form")
	}
}
