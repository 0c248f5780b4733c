package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"firstset"
	"firstset/dbtest"
	"firstset/web/httpx"
)

// TestProgrammesArePublicLists: reviewers keep the bases, alliances and
// innovation catalog with their members and catalog products; everyone
// reads them; nothing outside the catalog is listed.
func TestProgrammesArePublicLists(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		runProgrammeFlow(t, newTestEnvOn(t, store))
	})
}

// runProgrammeFlow is the programmes' flow, for its test and the OpenAPI
// test's coverage.
func runProgrammeFlow(t *testing.T, env *testEnv) {
	reviewer := env.token("reviewer", firstset.ScopeMarketRead, firstset.ScopeMarketWrite)
	in := map[string]any{"kind": "base", "name": "重庆市轨道交通装备首台（套）示范应用基地", "year": 2025,
		"lead": "重庆轨道交通（集团）有限公司", "description": "依托18号线开展首台（套）装备示范应用。",
		"members":     []string{"重庆甲机床有限公司", " 重庆乙轨道装备有限公司 ", "重庆甲机床有限公司"},
		"product_ids": []int64{env.recA.ID, env.recB.ID}}
	with := func(k string, v any) map[string]any {
		out := map[string]any{}
		for key, val := range in {
			out[key] = val
		}
		out[k] = v
		return out
	}
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/programmes", with("kind", "club"), nil), 422, "kind")
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/programmes", with("name", ""), nil), 422, "name")
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/programmes", with("year", 1990), nil), 422, "year")
	// A draft is not in the catalog, so not on a public list.
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/programmes", with("product_ids", []int64{env.draftA.ID}), nil), 422, "product_ids")
	wantStatus(t, "an enterprise adding", env.token("ent-a", firstset.ScopeCasesWrite).sendJSON(http.MethodPost, "/api/v1/programmes", in, nil), http.StatusForbidden)
	wantStatus(t, "the public adding", env.public().sendJSON(http.MethodPost, "/api/v1/programmes", in, nil), http.StatusUnauthorized)
	w := reviewer.sendJSON(http.MethodPost, "/api/v1/programmes", in, nil)
	wantStatus(t, "create", w, http.StatusCreated)
	var p firstset.Programme
	decode(t, w, &p)
	if p.ID == 0 || !p.Active || len(p.Members) != 2 || p.Members[1] != "重庆乙轨道装备有限公司" || len(p.Products) != 2 ||
		p.Products[0].ID != env.recA.ID || p.KindLabel != "示范应用基地" {
		t.Fatalf("created: %+v", p)
	}
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/programmes", in, nil), 409, "name")
	one := idPath("/api/v1/programmes/{id}", p.ID)
	inactive := false
	upd := with("product_ids", []int64{env.recB.ID})
	upd["active"] = inactive
	w = reviewer.sendJSON(http.MethodPut, one, upd, nil)
	wantStatus(t, "update", w, http.StatusOK)
	decode(t, w, &p)
	if p.Active || len(p.Products) != 1 || p.Products[0].ID != env.recB.ID {
		t.Fatalf("updated: %+v", p)
	}
	wantStatus(t, "an enterprise editing", env.token("ent-a", firstset.ScopeCasesWrite).sendJSON(http.MethodPut, one, in, nil), http.StatusForbidden)
	var got firstset.Programme
	decode(t, env.public().get(one), &got)
	if got.Name != p.Name || len(got.Products) != 1 {
		t.Errorf("the public reads %+v", got)
	}
	var list httpx.ListResponse[firstset.Programme]
	decode(t, env.public().get("/api/v1/programmes?product_id="+httpx.Itoa(env.recB.ID)), &list)
	if list.Total != 1 {
		t.Errorf("by product: %+v", list)
	}
	decode(t, env.public().get("/api/v1/programmes?kind=innovation_catalog"), &list)
	if list.Total != 0 {
		t.Errorf("by kind: %+v", list)
	}
	wantField(t, env.public().get("/api/v1/programmes?kind=club"), 400, "kind")

	// The pages: public reading, the reviewer's forms in Chinese.
	if body := env.public().get("/programmes").Body.String(); !strings.Contains(body, p.Name) || strings.Contains(body, "添加名单条目") {
		t.Error("the public list lacks the entry or shows the form")
	}
	page := env.login("reviewer")
	w = page.postForm("/programmes", url.Values{"kind": {"innovation_catalog"}, "name": {""}, "year": {"2026"}})
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "请填写名称") {
		t.Fatalf("an empty name: %d %s", w.Code, w.Body)
	}
	w = page.postForm("/programmes", url.Values{"kind": {"innovation_catalog"}, "name": {"2026年重大技术装备创新目录（第一批）"},
		"year": {"2026"}, "members": {"市经济信息委\n市科技局"}, "product_ids": {httpx.Itoa(env.recA.ID)}, "active": {"1"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("create on the page: %d %s", w.Code, w.Body)
	}
	body := env.public().get(w.Header().Get("Location")).Body.String()
	for _, want := range []string{"重大技术装备创新目录", "市科技局", env.recA.Name} {
		if !strings.Contains(body, want) {
			t.Errorf("the entry's page lacks %q", want)
		}
	}
}
