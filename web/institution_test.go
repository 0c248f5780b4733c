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
	"firstset/web/httpx"
)

// TestInstitutionsFromOutside registers insurers and a bank over the API
// and the page, and checks who sees which: the departments all, an
// insurer's user its own, the others none; every insurer user belongs to
// an institution.
func TestInstitutionsFromOutside(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		runInstitutionFlow(t, newTestEnvOn(t, store))
	})
}

// runInstitutionFlow is the institutions' flow, for its test and the
// OpenAPI test's coverage.
func runInstitutionFlow(t *testing.T, env *testEnv) {
	rng := rand.New(rand.NewPCG(21, 21))
	admin := env.token("admin", firstset.ScopeUsersAdmin, firstset.ScopeInsuranceRead)
	w := admin.sendJSON(http.MethodPost, "/api/v1/institutions", firstset.InstitutionInput{Name: "长嘉财产保险股份有限公司重庆分公司",
		CreditCode: creditcode.Generate(rng, "500103"), Kind: firstset.InstitutionInsurer}, nil)
	if w.Code != http.StatusCreated {
		t.Fatalf("create institution: %d %s", w.Code, w.Body)
	}
	var insurer firstset.Institution
	decode(t, w, &insurer)
	if insurer.ID == 0 || insurer.KindLabel != "保险机构" {
		t.Fatalf("created %+v", insurer)
	}
	w = admin.sendJSON(http.MethodPost, "/api/v1/institutions", firstset.InstitutionInput{Name: "重庆渝丰商业银行股份有限公司",
		CreditCode: creditcode.Generate(rng, "500103"), Kind: firstset.InstitutionBank}, nil)
	var bank firstset.Institution
	decode(t, w, &bank)

	// Bad input names its field; nothing is stored.
	wantField(t, admin.sendJSON(http.MethodPost, "/api/v1/institutions", firstset.InstitutionInput{Name: "某银行",
		CreditCode: "91500000000000000X", Kind: firstset.InstitutionBank}, nil), 422, "credit_code")
	wantField(t, admin.sendJSON(http.MethodPost, "/api/v1/institutions", firstset.InstitutionInput{Name: "重号银行",
		CreditCode: bank.CreditCode, Kind: firstset.InstitutionBank}, nil), 409, "credit_code")
	wantField(t, admin.sendJSON(http.MethodPost, "/api/v1/institutions", map[string]any{"name": "某基金",
		"credit_code": creditcode.Generate(rng, "500103"), "kind": "trust"}, nil), 422, "kind")
	wantField(t, admin.get("/api/v1/institutions?kind=trust"), 400, "kind")
	var list httpx.ListResponse[firstset.Institution]
	decode(t, admin.get("/api/v1/institutions"), &list)
	if list.Total != 2 {
		t.Fatalf("institutions after refusals: %d, want 2", list.Total)
	}
	decode(t, admin.get("/api/v1/institutions?kind=bank"), &list)
	if list.Total != 1 || list.Items[0].ID != bank.ID {
		t.Fatalf("banks: %+v", list)
	}
	upd := firstset.InstitutionInput{Name: "重庆渝丰银行股份有限公司", CreditCode: bank.CreditCode, Kind: firstset.InstitutionBank}
	wantStatus(t, "update institution", admin.sendJSON(http.MethodPut, idPath("/api/v1/institutions/{id}", bank.ID), upd, nil), 200)
	wantStatus(t, "institution by id", admin.get(idPath("/api/v1/institutions/{id}", bank.ID)), 200)

	// An insurer user must name its institution.
	users := env.token("admin", firstset.ScopeUsersAdmin)
	wantField(t, users.sendJSON(http.MethodPost, "/api/v1/users", firstset.UserInput{Username: "ins-a", Name: "甲保险",
		Role: firstset.RoleInsurer, Password: testPassword}, nil), 422, "institution_id")
	wantField(t, users.sendJSON(http.MethodPost, "/api/v1/users", firstset.UserInput{Username: "ins-a", Name: "甲保险",
		Role: firstset.RoleInsurer, InstitutionID: 99999, Password: testPassword}, nil), 422, "institution_id")
	env.addUsers(firstset.UserInput{Username: "ins-a", Name: "甲保险", Role: firstset.RoleInsurer, InstitutionID: insurer.ID})

	// Who sees what.
	ins := env.token("ins-a", firstset.ScopeInsuranceRead)
	decode(t, ins.get("/api/v1/institutions"), &list)
	if list.Total != 1 || list.Items[0].ID != insurer.ID {
		t.Fatalf("the insurer lists %+v, want its own only", list)
	}
	wantStatus(t, "own institution", ins.get(idPath("/api/v1/institutions/{id}", insurer.ID)), 200)
	wantStatus(t, "another institution", ins.get(idPath("/api/v1/institutions/{id}", bank.ID)), 404)
	wantStatus(t, "insurer registering", ins.sendJSON(http.MethodPost, "/api/v1/institutions", upd, nil), 403)
	wantStatus(t, "enterprise listing", env.token("ent-a", firstset.ScopeCatalogRead).get("/api/v1/institutions"), 403)
	wantStatus(t, "public listing", env.public().get("/api/v1/institutions"), 401)
	wantStatus(t, "reviewer listing", env.token("reviewer", firstset.ScopeInsuranceRead).get("/api/v1/institutions"), 200)

	// The page: an administrator registers one, a bad code is shown in Chinese.
	page := env.login("admin")
	form := url.Values{"name": {"重庆两江金融租赁有限公司"}, "credit_code": {"91500000000000000X"}, "kind": {"leasing"}}
	w = page.postForm("/institutions", form)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "统一社会信用代码") {
		t.Fatalf("page with a bad code: %d %s", w.Code, w.Body)
	}
	form.Set("credit_code", creditcode.Generate(rng, "500103"))
	w = page.postForm("/institutions", form)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("page create: %d %s", w.Code, w.Body)
	}
	body := page.get("/institutions").Body.String()
	for _, want := range []string{"重庆两江金融租赁有限公司", "融资租赁公司", "重庆渝丰银行股份有限公司", "已登记融资租赁公司"} {
		if !strings.Contains(body, want) {
			t.Errorf("the institutions page lacks %q", want)
		}
	}
	if body := env.login("ins-a").get("/institutions").Body.String(); strings.Contains(body, "重庆渝丰银行") {
		t.Error("an insurer's page lists another institution")
	}
}
