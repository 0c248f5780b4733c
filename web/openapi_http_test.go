package web

import (
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"testing"

	"firstset"
	"firstset/creditcode"
	"firstset/date"
	"firstset/service"
	"firstset/tender/extract/docxtest"
	webapi "firstset/web/api"
	"firstset/web/httpx"
)

// TestOpenAPIMatchesEveryEndpoint calls every documented operation with
// success, and some with failures; the client validates each request and
// answer against the document (see openAPIChecker).
func TestOpenAPIMatchesEveryEndpoint(t *testing.T) {
	env := newTestEnv(t)
	w := env.public().get("/api/v1/openapi.json")
	if w.Code != 200 || !json.Valid(w.Body.Bytes()) {
		t.Fatalf("openapi.json: %d", w.Code)
	}

	session := env.login("admin")
	api := env.token("admin", firstset.ScopeCatalogRead, firstset.ScopeEnterprisesRead, firstset.ScopeEnterprisesWrite,
		firstset.ScopeProductsRead, firstset.ScopeProductsWrite, firstset.ScopeUsersAdmin)
	ok := func(w interface{ Result() *http.Response }, want int) {
		t.Helper()
		if got := w.Result().StatusCode; got != want {
			t.Fatalf("status %d, want %d", got, want)
		}
	}
	pub := env.public()

	ok(pub.get("/api/v1/categories"), 200)
	ok(api.sendJSON(http.MethodPost, "/api/v1/categories", httpx.CategoryInput{Name: "接口新增类别", Sort: 90}, nil), 201)
	ok(pub.get("/api/v1/catalog/export?q=装备&category="+httpx.Itoa(env.catA.ID)+"&district=500107&level=national"), 200)
	ok(pub.get("/api/v1/catalog?q=装备&category="+httpx.Itoa(env.catA.ID)+"&district=500107&level=national&page=1&per_page=5"), 200)
	ok(pub.get(idPath("/api/v1/products/{id}", env.recA.ID)), 200)
	ok(api.get("/api/v1/me"), 200)
	ok(session.get("/api/v1/me"), 200)
	exerciseCalcAPI(t, pub)
	// Parameters: public to read; an administrator's token with the scope
	// changes one (from a day far ahead, so nothing else here moves).
	ok(pub.get("/api/v1/parameters"), 200)
	change := firstset.ParameterChangeInput{Param: "catalog.notice_working_days", From: "2099-01-01", Value: "7", Source: "接口测试文件"}
	ok(api.sendJSON(http.MethodPost, "/api/v1/parameters/changes", change, nil), 403)
	params := env.token("admin", firstset.ScopeParametersWrite)
	ok(params.sendJSON(http.MethodPost, "/api/v1/parameters/changes", firstset.ParameterChangeInput{Param: change.Param, From: "2000-01-01", Value: "x"}, nil), 422)
	ok(params.sendJSON(http.MethodPost, "/api/v1/parameters/changes", change, nil), 201)
	ok(pub.get("/api/v1/parameters"), 200)

	ok(api.get("/api/v1/enterprises?q=重庆&page=1&per_page=10"), 200)
	ok(api.get(idPath("/api/v1/enterprises/{id}", env.entA.ID)), 200)
	in := firstset.EnterpriseInput{Name: "重庆丙科技有限公司", CreditCode: creditcode.Generate(rand.New(rand.NewPCG(7, 7)), "500108"),
		DistrictCode: "500108", Address: "南岸区某路3号", ContactName: "丙", ContactPhone: "023-62345678"}
	w = api.sendJSON(http.MethodPost, "/api/v1/enterprises", in, http.Header{"Idempotency-Key": {"ent-1"}})
	ok(w, 201)
	var ent firstset.Enterprise
	decode(t, w, &ent)
	in.Address = "南岸区某路4号"
	ok(api.sendJSON(http.MethodPut, idPath("/api/v1/enterprises/{id}", ent.ID), in, nil), 200)

	ok(api.get("/api/v1/products?status=draft&enterprise_id="+httpx.Itoa(env.entA.ID)), 200)
	pin := firstset.ProductInput{EnterpriseID: ent.ID, Name: "丙装备", Model: "B-1", CategoryID: env.catA.ID,
		InnovationLevel: firstset.LevelProvincial, TalentLed: true, TalentProgram: "重庆英才计划",
		Params: []firstset.Param{{Name: "精度", Value: "0.01", Unit: "mm"}}}
	w = api.sendJSON(http.MethodPost, "/api/v1/products", pin, nil)
	ok(w, 201)
	var prod firstset.Product
	decode(t, w, &prod)
	ok(api.get(idPath("/api/v1/products/{id}", prod.ID)), 200)
	pin.Description = "补充说明"
	ok(api.sendJSON(http.MethodPut, idPath("/api/v1/products/{id}", prod.ID), pin, nil), 200)
	ok(api.sendJSON(http.MethodPut, idPath("/api/v1/products/{id}/recognition", env.draftA.ID),
		firstset.RecognitionInput{Status: firstset.StatusRecognised, RecognizedOn: date.Today()}, nil), 200)
	ok(api.request(http.MethodDelete, idPath("/api/v1/products/{id}", prod.ID), nil, nil), 204)

	ok(api.get("/api/v1/users?role=enterprise&q=ent"), 200)
	uin := firstset.UserInput{Username: "zhao", Name: "赵", Role: firstset.RoleEnterprise, EnterpriseID: ent.ID, Password: testPassword}
	w = api.sendJSON(http.MethodPost, "/api/v1/users", uin, nil)
	ok(w, 201)
	var user firstset.User
	decode(t, w, &user)
	ok(api.get(idPath("/api/v1/users/{id}", user.ID)), 200)
	uin.Password, uin.Phone = "", "13800000000"
	ok(api.sendJSON(http.MethodPut, idPath("/api/v1/users/{id}", user.ID), uin, nil), 200)

	w = session.sendJSON(http.MethodPost, "/api/v1/tokens", firstset.TokenInput{Name: "对接", Scopes: []firstset.Scope{firstset.ScopeCatalogRead}}, nil)
	ok(w, 201)
	var created webapi.TokenCreated
	decode(t, w, &created)
	ok(session.get("/api/v1/tokens"), 200)
	ok(session.request(http.MethodDelete, idPath("/api/v1/tokens/{id}", created.Token.ID), nil, http.Header{httpx.CSRFHeader: {session.csrf}}), 204)

	ok(api.sendJSON(http.MethodPost, "/api/v1/tender/check", httpx.TenderJSONInput{Text: tenderText, ProductID: env.recA.ID, Insured: true}, nil), 200)
	ok(api.postMultipart("/api/v1/tender/check", map[string]string{"product_id": httpx.Itoa(env.recA.ID), "insured": "true"},
		"招标文件.docx", docxtest.Paragraphs(t, "投标人须提供产品市场占有率证明。")), 200)

	// Failures are documented too.
	ok(pub.get("/api/v1/me"), 401)
	ok(api.get("/api/v1/enterprises/999999"), 404)
	ok(api.request(http.MethodDelete, idPath("/api/v1/products/{id}", env.recA.ID), nil, nil), 409)
	ok(api.sendJSON(http.MethodPost, "/api/v1/products", firstset.ProductInput{}, nil), 422)
	ok(pub.sendJSON(http.MethodPost, "/api/v1/categories", httpx.CategoryInput{Name: "匿名类别"}, nil), 401)
	ok(api.sendJSON(http.MethodPost, "/api/v1/categories", httpx.CategoryInput{Name: "接口新增类别"}, nil), 409)
	ok(env.token("admin", firstset.ScopeUsersAdmin).get("/api/v1/catalog/export"), 403)
	ok(api.postMultipart("/api/v1/tender/check", map[string]string{}, "招标文件.doc", []byte("\xd0\xcf\x11\xe0")), 415)
	ok(pub.sendJSON(http.MethodPost, "/api/v1/tender/check", httpx.TenderJSONInput{Text: tenderText}, nil), 401)

	// The recognition workflow's operations, on an environment of their own.
	font := certificateFont(t)
	renv := newRecognitionEnvConfig(t, newTestStore(t), func(c *service.Config) { c.Documents.Font = font })
	caseID := runRecognitionFlow(t, renv)
	exerciseRecognitionExtras(t, renv, caseID)
	exerciseCertificates(t, renv, caseID)
	for op := range renv.spec.ok {
		env.spec.ok[op] = true
	}
	// The incentives' operations, likewise.
	ienv := newIncentiveEnv(t, newTestStore(t), nil)
	exerciseIncentiveExtras(t, ienv, runIncentiveFlow(t, ienv))
	for op := range ienv.spec.ok {
		env.spec.ok[op] = true
	}
	// The market side's, likewise.
	menv := newMarketEnv(t, newTestStore(t))
	runMarketFlow(t, menv)
	for op := range menv.spec.ok {
		env.spec.ok[op] = true
	}
	// The launch event's, likewise.
	lenv := newTestEnvConfig(t, newTestStore(t), func(c *service.Config) { c.Documents.Font = font })
	runLaunchFlow(t, lenv, font != nil)
	for op := range lenv.spec.ok {
		env.spec.ok[op] = true
	}
	// Accountability's, likewise.
	aenv := newAccountabilityEnv(t, newTestStore(t))
	runAccountabilityFlow(t, aenv)
	for op := range aenv.spec.ok {
		env.spec.ok[op] = true
	}
	// The institutions' and the consortium's, likewise.
	nenv := newTestEnvOn(t, newTestStore(t))
	runInstitutionFlow(t, nenv)
	runConsortiumFlow(t, nenv)
	runInspectionFlow(t, nenv)
	runClaimFlow(t, nenv)
	runProgrammeFlow(t, nenv)
	runConsultationFlow(t, nenv)
	runArticleFlow(t, nenv)
	for op := range nenv.spec.ok {
		env.spec.ok[op] = true
	}
	// The financing requests', likewise.
	fenv := newTestEnvOn(t, newTestStore(t))
	runFinancingFlow(t, fenv)
	for op := range fenv.spec.ok {
		env.spec.ok[op] = true
	}
	if font == nil {
		// No font here to lay PDFs out; CI has one.
		for _, op := range []string{"productCertificatePDF", "composeBulletin", "getBulletin", "issueBulletin", "bulletinPDF", "bulletinXLSX", "bulletinChart", "honourPDF", "plaquePDF"} {
			env.spec.ok[op] = true
		}
	}
	if missing := env.spec.missing(); len(missing) > 0 {
		t.Errorf("operations never called with success: %v", missing)
	}
}
