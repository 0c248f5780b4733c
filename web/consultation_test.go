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

// TestDualUseConsultations: reviewers mark products 军民两用 and record the
// joint consultations on them; the departments read every record, an
// enterprise those about its own products, nobody else any.
func TestDualUseConsultations(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		runConsultationFlow(t, newTestEnvOn(t, store))
	})
}

// runConsultationFlow is the dual-use flow, for its test and the OpenAPI
// test's coverage.
func runConsultationFlow(t *testing.T, env *testEnv) {
	reviewer := env.token("reviewer", firstset.ScopeCasesRead, firstset.ScopeMarketWrite)
	entA, entB := env.token("ent-a", firstset.ScopeCasesRead), env.token("ent-b", firstset.ScopeCasesRead)
	mark := idPath("/api/v1/products/{id}/dual-use", env.recA.ID)
	wantField(t, reviewer.sendJSON(http.MethodPut, mark, map[string]any{}, nil), 422, "dual_use")
	wantStatus(t, "an enterprise marking", env.token("ent-a", firstset.ScopeCasesRead).sendJSON(http.MethodPut, mark,
		map[string]any{"dual_use": true}, nil), http.StatusForbidden)
	wantStatus(t, "an unknown product", reviewer.sendJSON(http.MethodPut, "/api/v1/products/999999/dual-use",
		map[string]any{"dual_use": true}, nil), http.StatusNotFound)
	w := reviewer.sendJSON(http.MethodPut, mark, map[string]any{"dual_use": true, "note": "可用于国防装备配套"}, nil)
	wantStatus(t, "mark", w, http.StatusOK)
	var m firstset.DualUseMark
	decode(t, w, &m)
	if m.ProductID != env.recA.ID || m.Note == "" || m.MarkedAt.IsZero() {
		t.Fatalf("marked: %+v", m)
	}
	today := date.FromTime(env.svc.Now())
	in := map[string]any{"held_on": today.AddDays(-1), "subject": "军民两用数控装备推广应用会商",
		"departments": []string{"市经济信息委", "市国防科工办", "市经济信息委"}, "product_ids": []int64{env.recA.ID},
		"decisions": "同意列入军民两用推广目录，由市国防科工办对接配套需求。"}
	with := func(k string, v any) map[string]any {
		out := map[string]any{}
		for key, val := range in {
			out[key] = val
		}
		out[k] = v
		return out
	}
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/consultations", with("held_on", today.AddDays(1)), nil), 422, "held_on")
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/consultations", with("decisions", ""), nil), 422, "decisions")
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/consultations", with("departments", []string{}), nil), 422, "departments")
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/consultations", with("product_ids", []int64{env.recB.ID}), nil), 422, "product_ids")
	w = reviewer.sendJSON(http.MethodPost, "/api/v1/consultations", in, nil)
	wantStatus(t, "record", w, http.StatusCreated)
	var c firstset.Consultation
	decode(t, w, &c)
	if !strings.HasPrefix(c.Number, "HS-") || len(c.Departments) != 2 || len(c.Products) != 1 {
		t.Fatalf("recorded: %+v", c)
	}
	one := idPath("/api/v1/consultations/{id}", c.ID)
	wantStatus(t, "the maker reads", entA.get(one), http.StatusOK)
	wantStatus(t, "another enterprise reads", entB.get(one), http.StatusNotFound)
	wantStatus(t, "a buyer reads", env.token("buyer", firstset.ScopeCasesRead).get(one), http.StatusForbidden)
	wantStatus(t, "the public reads", env.public().get(one), http.StatusUnauthorized)
	var marks httpx.ListResponse[firstset.DualUseMark]
	decode(t, entB.get("/api/v1/dual-use"), &marks)
	if marks.Total != 0 {
		t.Errorf("another enterprise sees marks: %+v", marks)
	}
	var list httpx.ListResponse[firstset.Consultation]
	decode(t, reviewer.get("/api/v1/consultations"), &list)
	if list.Total != 1 {
		t.Errorf("the reviewer lists %d meetings", list.Total)
	}

	// The pages.
	page := env.login("reviewer")
	w = page.postForm("/dual-use", url.Values{"product_id": {""}, "dual_use": {"1"}})
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "请填写装备编号") {
		t.Fatalf("marking without a product: %d %s", w.Code, w.Body)
	}
	if w = page.postForm("/dual-use", url.Values{"product_id": {httpx.Itoa(env.recB.ID)}, "dual_use": {"1"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("marking on the page: %d %s", w.Code, w.Body)
	}
	w = page.postForm("/consultations", url.Values{"held_on": {today.String()}, "subject": {"会商"}, "departments": {"市经济信息委"},
		"product_ids": {httpx.Itoa(env.recB.ID)}})
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "请填写会商决定") {
		t.Fatalf("a meeting without decisions: %d %s", w.Code, w.Body)
	}
	if body := page.get("/consultations").Body.String(); !strings.Contains(body, env.recB.Name) || !strings.Contains(body, c.Number) {
		t.Error("the page lacks the marked product or the meeting")
	}
	if w := page.postForm("/dual-use", url.Values{"product_id": {httpx.Itoa(env.recB.ID)}, "dual_use": {"0"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("unmarking on the page: %d %s", w.Code, w.Body)
	}
}
