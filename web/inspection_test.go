package web

import (
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"firstset"
	"firstset/cases"
	"firstset/creditcode"
	"firstset/dbtest"
	"firstset/web/httpx"
)

// TestInspectionDrawsFromOutside registers bodies and inspectors, draws
// twice with one seed over the same lists and once with another, and
// checks that anyone can recompute a draw from the lists and the seed.
func TestInspectionDrawsFromOutside(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		runInspectionFlow(t, newTestEnvOn(t, store))
	})
}

// runInspectionFlow is the inspections' flow, for its test and the OpenAPI
// test's coverage.
func runInspectionFlow(t *testing.T, env *testEnv) {
	rng := rand.New(rand.NewPCG(31, 31))
	reviewer := env.token("reviewer", firstset.ScopeCasesRead)
	for i, name := range []string{"甲检测中心", "乙评定中心", "丙检验所", "丁质量评价公司", "戊装备检测站"} {
		w := reviewer.sendJSON(http.MethodPost, "/api/v1/evaluation-bodies", firstset.EvaluationBodyInput{Name: name,
			CreditCode: creditcode.Generate(rng, "500103"), Scope: "装备性能检测"}, nil)
		wantStatus(t, "body "+name, w, http.StatusCreated)
		wantStatus(t, "inspector", reviewer.sendJSON(http.MethodPost, "/api/v1/inspectors", firstset.InspectorInput{
			Name: "检查员" + string(rune('甲'+i)), Unit: "市经济信息委", Active: i != 4}, nil), http.StatusCreated)
	}
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/evaluation-bodies", firstset.EvaluationBodyInput{Name: "某中心",
		CreditCode: "91500000000000000X", Scope: "检测"}, nil), 422, "credit_code")
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/inspectors", firstset.InspectorInput{Name: "某人"}, nil), 422, "unit")
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/inspections/draws", firstset.InspectionDrawInput{Seed: "s", Bodies: 6, Inspectors: 1}, nil), 422, "bodies")
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/inspections/draws", firstset.InspectionDrawInput{Seed: "s", Bodies: 1, Inspectors: 5}, nil), 422, "inspectors")
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/inspections/draws", firstset.InspectionDrawInput{Bodies: 1, Inspectors: 1}, nil), 422, "seed")
	wantStatus(t, "enterprise drawing", env.token("ent-a", firstset.ScopeCasesRead).sendJSON(http.MethodPost, "/api/v1/inspections/draws",
		firstset.InspectionDrawInput{Seed: "s", Bodies: 1, Inspectors: 1}, nil), http.StatusForbidden)
	wantStatus(t, "public draws", env.public().get("/api/v1/inspections/draws"), http.StatusUnauthorized)

	draw := func(seed string) firstset.InspectionDraw {
		t.Helper()
		w := reviewer.sendJSON(http.MethodPost, "/api/v1/inspections/draws", firstset.InspectionDrawInput{Seed: seed, Bodies: 2, Inspectors: 2}, nil)
		if w.Code != http.StatusCreated {
			t.Fatalf("draw: %d %s", w.Code, w.Body)
		}
		var d firstset.InspectionDraw
		decode(t, w, &d)
		return d
	}
	a, b, c := draw("2026年第四季度"), draw("2026年第四季度"), draw("另一个种子")
	if a.Number == b.Number || len(a.Bodies) != 2 || len(a.Inspectors) != 2 {
		t.Fatalf("draws %+v %+v", a, b)
	}
	if !slices.Equal(a.Bodies, b.Bodies) || !slices.Equal(a.Inspectors, b.Inspectors) {
		t.Fatalf("one seed over the same lists drew differently: %+v %+v", a, b)
	}
	// Recompute from the lists as the API shows them.
	var bodies httpx.ListResponse[firstset.EvaluationBody]
	decode(t, reviewer.get("/api/v1/evaluation-bodies"), &bodies)
	var inspectors httpx.ListResponse[firstset.Inspector]
	decode(t, reviewer.get("/api/v1/inspectors"), &inspectors)
	var bodyPool, inspectorPool []firstset.Candidate
	for _, x := range bodies.Items {
		bodyPool = append(bodyPool, firstset.Candidate{UserID: x.ID, Username: x.Name})
	}
	for _, x := range inspectors.Items {
		if x.Active {
			inspectorPool = append(inspectorPool, firstset.Candidate{UserID: x.ID, Username: x.Name})
		}
	}
	if cases.CandidatesHash(bodyPool) != c.BodiesSHA256 || cases.CandidatesHash(inspectorPool) != c.InspectorsSHA256 {
		t.Fatal("the lists' fingerprints differ from the draw's")
	}
	if got := drawnAs(cases.DrawExperts(c.Seed, bodyPool, 2)); !slices.Equal(got, c.Bodies) {
		t.Fatalf("recomputed bodies %+v, drawn %+v", got, c.Bodies)
	}
	if got := drawnAs(cases.DrawExperts(c.Seed, inspectorPool, 2)); !slices.Equal(got, c.Inspectors) {
		t.Fatalf("recomputed inspectors %+v, drawn %+v", got, c.Inspectors)
	}
	for _, x := range c.Inspectors {
		if x.Name == "检查员戊" {
			t.Fatal("an inactive inspector was drawn")
		}
	}
	wantStatus(t, "one draw", reviewer.get(idPath("/api/v1/inspections/draws/{id}", a.ID)), http.StatusOK)
	var list httpx.ListResponse[firstset.InspectionDraw]
	decode(t, reviewer.get("/api/v1/inspections/draws"), &list)
	if list.Total != 3 || list.Items[0].ID != c.ID {
		t.Fatalf("draws listed %+v", list)
	}

	// Findings, only for the bodies drawn, then the results made public.
	findings := idPath("/api/v1/inspections/draws/{id}/findings", a.ID)
	wantField(t, reviewer.sendJSON(http.MethodPost, findings, map[string]any{}, nil), 422, "body_id")
	other := bodies.Items[0].ID
	for _, x := range bodies.Items {
		if !slices.ContainsFunc(a.Bodies, func(b firstset.Drawn) bool { return b.ID == x.ID }) {
			other = x.ID
		}
	}
	wantField(t, reviewer.sendJSON(http.MethodPost, findings, firstset.InspectionFindingInput{BodyID: other, Result: firstset.ResultQualified}, nil), 422, "body_id")
	wantField(t, reviewer.sendJSON(http.MethodPost, findings, firstset.InspectionFindingInput{BodyID: a.Bodies[0].ID, Result: firstset.ResultRectify}, nil), 422, "note")
	publish := idPath("/api/v1/inspections/draws/{id}/publish", a.ID)
	wantStatus(t, "finding", reviewer.sendJSON(http.MethodPost, findings, firstset.InspectionFindingInput{BodyID: a.Bodies[0].ID,
		Result: firstset.ResultRectify, Note: "检测报告未载明环境条件"}, nil), http.StatusOK)
	wantField(t, reviewer.postJSON(publish, map[string]any{}), 422, "findings")
	wantStatus(t, "finding", reviewer.sendJSON(http.MethodPost, findings, firstset.InspectionFindingInput{BodyID: a.Bodies[1].ID,
		Result: firstset.ResultQualified}, nil), http.StatusOK)
	var results httpx.ListResponse[firstset.InspectionDraw]
	decode(t, env.public().get("/api/v1/inspections/results"), &results)
	if results.Total != 0 {
		t.Fatalf("unpublished results are public: %+v", results)
	}
	wantStatus(t, "publish", reviewer.postJSON(publish, map[string]any{}), http.StatusOK)
	wantStatus(t, "publish again", reviewer.postJSON(publish, map[string]any{}), http.StatusConflict)
	wantStatus(t, "a finding after publishing", reviewer.sendJSON(http.MethodPost, findings, firstset.InspectionFindingInput{BodyID: a.Bodies[1].ID,
		Result: firstset.ResultUnqualified, Note: "改"}, nil), http.StatusConflict)
	decode(t, env.public().get("/api/v1/inspections/results"), &results)
	if results.Total != 1 || len(results.Items[0].Findings) != 2 || results.Items[0].PublishedAt == nil {
		t.Fatalf("the public results: %+v", results)
	}
	if body := env.public().get("/inspections/results").Body.String(); !strings.Contains(body, "检测报告未载明环境条件") || !strings.Contains(body, "责令整改") {
		t.Error("the public results page lacks the finding")
	}

	// The page: a draw asks for the confirmation.
	page := env.login("reviewer")
	w := page.postForm("/inspections/draws", url.Values{"seed": {"页面种子"}, "bodies": {"1"}, "inspectors": {"1"}})
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "请勾选确认") {
		t.Fatalf("a draw without the confirmation: %d %s", w.Code, w.Body)
	}
	w = page.postForm("/inspections/draws", url.Values{"seed": {"页面种子"}, "bodies": {"1"}, "inspectors": {"1"}, "confirm": {"1"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("a draw on the page: %d %s", w.Code, w.Body)
	}
	if body := page.get("/inspections").Body.String(); !strings.Contains(body, "页面种子") || !strings.Contains(body, "甲检测中心") {
		t.Error("the inspections page lacks the draw or the bodies")
	}
}

// drawnAs is a recomputed draw as the API answers it.
func drawnAs(c []firstset.Candidate) []firstset.Drawn {
	out := make([]firstset.Drawn, len(c))
	for i, x := range c {
		out[i] = firstset.Drawn{ID: x.UserID, Name: x.Username}
	}
	return out
}
