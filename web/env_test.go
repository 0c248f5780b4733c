package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"firstset"
	"firstset/creditcode"
	"firstset/date"
	"firstset/service"
	"firstset/web/api"
	"firstset/web/httpx"
	"firstset/web/ui"
)

const testPassword = "Cq-Equip#2026-test"

// testEnv is a server on real services over a fresh store, with two
// enterprises, each with a draft and a recognised product, and one user
// per role the tests need.
type testEnv struct {
	t        *testing.T
	srv      *Server
	svc      *service.Services
	store    firstset.Store
	spec     *openAPIChecker
	catA     firstset.Category
	entA     *firstset.Enterprise
	entB     *firstset.Enterprise
	draftA   *firstset.Product
	recA     *firstset.Product
	draftB   *firstset.Product
	recB     *firstset.Product
	buyerOrg *firstset.Buyer
	seq      int // numbers the records helpers make, for their credit codes
}

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	return newTestEnvOn(t, newTestStore(t))
}

// newTestEnvOn is newTestEnv on a given store, for tests that run on
// every database (dbtest.Run).
func newTestEnvOn(t *testing.T, store firstset.Store) *testEnv {
	t.Helper()
	return newTestEnvConfig(t, store, nil)
}

// newTestEnvConfig is newTestEnvOn with the services' configuration
// changed by adjust (if not nil).
func newTestEnvConfig(t *testing.T, store firstset.Store, adjust func(*service.Config)) *testEnv {
	t.Helper()
	logger := slog.New(slog.DiscardHandler)
	cfg := service.DefaultConfig
	if adjust != nil {
		adjust(&cfg)
	}
	svc := service.New(store, cfg, logger)
	env := &testEnv{t: t, svc: svc, store: store}
	env.srv = New(Options{
		Services: ServicesOf(svc),
		Ready:    store.Ping, Logger: logger, MaxBodyBytes: 64 << 10,
	})
	env.spec = newOpenAPIChecker(t)
	env.seed()
	return env
}

func (env *testEnv) seed() {
	t := env.t
	ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("seed: %v", err)
		}
	}
	cats, err := env.svc.Categories(ctx)
	must(err)
	if len(cats) == 0 {
		c, err := env.svc.CreateCategory(ctx, "智能制造装备", 1)
		must(err)
		cats = append(cats, *c)
	}
	env.catA = cats[0]
	rng := rand.New(rand.NewPCG(1, 2))
	env.entA, err = env.svc.CreateEnterprise(ctx, firstset.EnterpriseInput{Name: "重庆甲机床有限公司",
		CreditCode: creditcode.Generate(rng, "500107"), DistrictCode: "500107", Address: "九龙坡区某路1号",
		ContactName: "甲联系人", ContactPhone: "023-61234567"})
	must(err)
	env.entB, err = env.svc.CreateEnterprise(ctx, firstset.EnterpriseInput{Name: "重庆乙轨道装备有限公司",
		CreditCode: creditcode.Generate(rng, "500112"), DistrictCode: "500112", Address: "渝北区某路2号",
		ContactName: "乙联系人", ContactPhone: "023-67654321"})
	must(err)
	product := func(e *firstset.Enterprise, name string, recognised bool) *firstset.Product {
		p, err := env.svc.CreateProduct(ctx, firstset.ProductInput{EnterpriseID: e.ID, Name: name, Model: "M-" + name,
			CategoryID: env.catA.ID, Description: name + "的说明", InnovationLevel: firstset.LevelNational,
			Params: []firstset.Param{{Name: "额定功率", Value: "100", Unit: "kW"}}})
		must(err)
		if recognised {
			p, err = env.svc.SetRecognition(ctx, p.ID, firstset.RecognitionInput{Status: firstset.StatusRecognised,
				RecognizedOn: date.Today().AddDays(-30)})
			must(err)
		}
		return p
	}
	env.draftA = product(env.entA, "甲草稿装备", false)
	env.recA = product(env.entA, "甲认定装备", true)
	env.draftB = product(env.entB, "乙草稿装备", false)
	env.recB = product(env.entB, "乙认定装备", true)
	env.buyerOrg, err = env.svc.CreateBuyer(ctx, firstset.BuyerInput{Name: "重庆轨道交通（集团）有限公司",
		CreditCode: creditcode.Generate(rng, "500103"), Kind: firstset.BuyerSOECity, DistrictCode: "500103", Supervisor: "市国资委"})
	must(err)
	for _, u := range []firstset.UserInput{
		{Username: "admin", Name: "管理员", Role: firstset.RoleAdmin},
		{Username: "reviewer", Name: "审核员", Role: firstset.RoleReviewer},
		{Username: "ent-a", Name: "甲企业用户", Role: firstset.RoleEnterprise, EnterpriseID: env.entA.ID},
		{Username: "ent-b", Name: "乙企业用户", Role: firstset.RoleEnterprise, EnterpriseID: env.entB.ID},
		{Username: "buyer", Name: "采购单位用户", Role: firstset.RoleBuyer, BuyerID: env.buyerOrg.ID},
	} {
		u.Password = testPassword
		_, err := env.svc.CreateUser(ctx, u)
		must(err)
	}
}

// client makes requests as one person or program.
type client struct {
	env    *testEnv
	cookie string // session cookie value
	csrf   string // synchronizer token, read from a rendered form
	bearer string
	// flash carries the one-time message cookie to the next page, as a
	// browser would.
	flash string
	// loginCookie is the login form's pre-session, from GET /login, and
	// loginToken the token its form carried.
	loginCookie, loginToken string
	// remoteAddr is the address requests come from, when set.
	remoteAddr string
}

func (env *testEnv) public() *client { return &client{env: env} }

// login signs in through the login form and reads the CSRF token from a
// page, as a browser would.
func (env *testEnv) login(username string) *client {
	t := env.t
	t.Helper()
	c := &client{env: env}
	w := c.loginForm(username, testPassword)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("login %s: status %d: %s", username, w.Code, w.Body.String())
	}
	for _, ck := range w.Result().Cookies() {
		if ck.Name == httpx.SessionCookie {
			c.cookie = ck.Value
			if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" {
				t.Errorf("session cookie attributes: %+v", ck)
			}
		}
	}
	if c.cookie == "" {
		t.Fatalf("login %s set no session cookie", username)
	}
	page := c.get("/tokens").Body.String()
	m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF field on the page after login")
	}
	c.csrf = m[1]
	return c
}

// token creates an API token for username with scopes and returns a
// client using it.
func (env *testEnv) token(username string, scopes ...firstset.Scope) *client {
	env.t.Helper()
	c := env.login(username)
	w := c.sendJSON(http.MethodPost, "/api/v1/tokens", firstset.TokenInput{Name: "测试令牌", Scopes: scopes}, nil)
	if w.Code != http.StatusCreated {
		env.t.Fatalf("create token: %d %s", w.Code, w.Body.String())
	}
	var created api.TokenCreated
	decode(env.t, w, &created)
	return &client{env: env, bearer: created.Secret}
}

func (c *client) request(method, target string, body io.Reader, header http.Header) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, body)
	for k, vs := range header {
		for _, v := range vs {
			r.Header.Add(k, v)
		}
	}
	if c.cookie != "" {
		r.AddCookie(&http.Cookie{Name: httpx.SessionCookie, Value: c.cookie})
	}
	if c.bearer != "" {
		r.Header.Set("Authorization", "Bearer "+c.bearer)
	}
	if c.flash != "" {
		r.AddCookie(&http.Cookie{Name: ui.FlashCookie, Value: c.flash})
	}
	if c.loginCookie != "" {
		r.AddCookie(&http.Cookie{Name: httpx.LoginFormCookie, Value: c.loginCookie})
	}
	if c.remoteAddr != "" {
		r.RemoteAddr = c.remoteAddr
	}
	var reqBody []byte
	if body != nil {
		reqBody, _ = io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	w := httptest.NewRecorder()
	c.env.srv.Handler().ServeHTTP(w, r)
	for _, ck := range w.Result().Cookies() {
		switch ck.Name {
		case ui.FlashCookie:
			c.flash = ck.Value
		case httpx.LoginFormCookie:
			c.loginCookie = ck.Value
		}
	}
	if strings.HasPrefix(r.URL.Path, "/api/v1/") && r.URL.Path != "/api/v1/openapi.json" {
		c.env.spec.check(c.env.t, r, reqBody, w)
	}
	return w
}

func (c *client) get(target string) *httptest.ResponseRecorder {
	return c.request(http.MethodGet, target, nil, nil)
}

// postForm posts a form with the session's CSRF token, if any; a login
// comes from the login page, with its pre-session, as in a browser.
func (c *client) postForm(target string, v url.Values) *httptest.ResponseRecorder {
	if target == "/login" && v.Get(httpx.CSRFField) == "" {
		if c.loginCookie == "" || c.loginToken == "" {
			c.prepareLogin()
		}
		v.Set(httpx.CSRFField, c.loginToken)
	}
	if c.csrf != "" && v.Get(httpx.CSRFField) == "" {
		v.Set(httpx.CSRFField, c.csrf)
	}
	return c.request(http.MethodPost, target, strings.NewReader(v.Encode()),
		http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
}

// sendJSON sends v as JSON; cookie sessions send the CSRF header as
// scripts must.
func (c *client) sendJSON(method, target string, v any, header http.Header) *httptest.ResponseRecorder {
	var body []byte
	switch v := v.(type) {
	case string:
		body = []byte(v)
	default:
		var err error
		if body, err = json.Marshal(v); err != nil {
			c.env.t.Fatal(err)
		}
	}
	h := http.Header{"Content-Type": {"application/json"}}
	for k, vs := range header {
		for _, v := range vs {
			h.Add(k, v)
		}
	}
	if c.cookie != "" && c.csrf != "" {
		h.Set(httpx.CSRFHeader, c.csrf)
	}
	return c.request(method, target, bytes.NewReader(body), h)
}

func decode(t *testing.T, w *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
		t.Fatalf("decode %q: %v", w.Body.String(), err)
	}
}

func idPath(format string, id int64) string {
	return strings.Replace(format, "{id}", httpx.Itoa(id), 1)
}

// userID is the id of the seeded user with username.
func (env *testEnv) userID(username string) int64 {
	env.t.Helper()
	ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	users, _, err := env.svc.FindUsers(ctx, firstset.UserFilter{Query: username})
	if err != nil {
		env.t.Fatal(err)
	}
	for _, u := range users {
		if u.Username == username {
			return u.ID
		}
	}
	env.t.Fatalf("no user %s", username)
	return 0
}

// institutionOf is the institution the seeded user with username acts for.
func (env *testEnv) institutionOf(username string) int64 {
	env.t.Helper()
	ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	u, err := env.svc.FindUserByID(ctx, env.userID(username))
	if err != nil || u.InstitutionID == 0 {
		env.t.Fatalf("user %s: no institution (%v)", username, err)
	}
	return u.InstitutionID
}
