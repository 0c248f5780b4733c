package web

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"

	"firstset"
	"firstset/dbtest"
	"firstset/service"
	"firstset/web/httpx"
)

// oidcPublicURL is the platform's address in these tests; the provider
// sends the browser back to its callback there.
const oidcPublicURL = "http://firstset.test"

// tokenTamper changes the ID token the provider answers with, for the tests
// that check the platform refuses it; empty leaves it alone.
type tokenTamper struct {
	mu   sync.Mutex
	mode string
}

func (tp *tokenTamper) set(mode string) { tp.mu.Lock(); tp.mode = mode; tp.mu.Unlock() }
func (tp *tokenTamper) get() string     { tp.mu.Lock(); defer tp.mu.Unlock(); return tp.mode }

// startProvider runs an OpenID provider in process, whose token answers
// pass through tp.
func startProvider(t *testing.T, tp *tokenTamper) *mockoidc.MockOIDC {
	t.Helper()
	m, err := mockoidc.NewServer(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.AddMiddleware(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mode := tp.get()
			if r.URL.Path != mockoidc.TokenEndpoint || mode == "" {
				next.ServeHTTP(w, r)
				return
			}
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			var body map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Errorf("token answer: %v", err)
			}
			if raw, ok := body["id_token"].(string); ok {
				body["id_token"] = tamperToken(t, m, raw, mode)
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(rec.Code)
			json.NewEncoder(w).Encode(body)
		})
	}); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Start(ln, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Shutdown() })
	return m
}

// tamperToken breaks a signed ID token: its signature, or a claim
// re-signed with the provider's own key.
func tamperToken(t *testing.T, m *mockoidc.MockOIDC, raw, mode string) string {
	t.Helper()
	parts := strings.Split(raw, ".")
	if mode == "signature" {
		sig := []byte(parts[2])
		if sig[10] == 'A' {
			sig[10] = 'B'
		} else {
			sig[10] = 'A'
		}
		return parts[0] + "." + parts[1] + "." + string(sig)
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	claims := jwt.MapClaims{}
	if err := json.Unmarshal(payload, &claims); err != nil {
		t.Fatal(err)
	}
	switch mode {
	case "audience":
		claims["aud"] = "another-client"
	case "nonce":
		claims["nonce"] = "another-nonce"
	case "issuer":
		claims["iss"] = "https://idp.example.invalid"
	case "expired":
		claims["exp"] = time.Now().Add(-time.Hour).Unix()
	default:
		t.Fatalf("no tampering %q", mode)
	}
	signed, err := m.Keypair.SignJWT(claims)
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

// newOIDCTestEnv is newTestEnvOn with the provider m configured, on the
// server and in the services.
func newOIDCTestEnv(t *testing.T, store firstset.Store, m *mockoidc.MockOIDC) *testEnv {
	t.Helper()
	logger := slog.New(slog.DiscardHandler)
	cfg := service.DefaultConfig
	cfg.OIDCIssuer = m.Issuer()
	svc := service.New(store, cfg, logger)
	env := &testEnv{t: t, svc: svc, store: store}
	env.srv = New(Options{
		Services: ServicesOf(svc),
		Ready:    store.Ping, Logger: logger, MaxBodyBytes: 64 << 10, PublicURL: oidcPublicURL,
		OIDC: httpx.OIDCConfig{Issuer: m.Issuer(), ClientID: m.ClientID, ClientSecret: m.ClientSecret},
	})
	env.spec = newOpenAPIChecker(t)
	env.seed()
	return env
}

// browser follows the sign-in across the platform (served in process)
// and the provider (over HTTP), keeping each one's cookies as a browser
// would.
type browser struct {
	t       *testing.T
	env     *testEnv
	cookies map[string]*http.Cookie // the platform's
}

func newBrowser(env *testEnv) *browser {
	return &browser{t: env.t, env: env, cookies: map[string]*http.Cookie{}}
}

// platform sends GET target (a path, or a URL on oidcPublicURL) to the
// platform with the cookies its path gets.
func (b *browser) platform(target string) *httptest.ResponseRecorder {
	b.t.Helper()
	target = strings.TrimPrefix(target, oidcPublicURL)
	r := httptest.NewRequest(http.MethodGet, target, nil)
	r.Host = strings.TrimPrefix(oidcPublicURL, "http://")
	for _, c := range b.cookies {
		if strings.HasPrefix(r.URL.Path, c.Path) {
			r.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
		}
	}
	w := httptest.NewRecorder()
	b.env.srv.Handler().ServeHTTP(w, r)
	for _, c := range w.Result().Cookies() {
		if c.MaxAge < 0 {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c
		}
	}
	return w
}

// provider visits the provider's authorization page, which signs the
// queued user in at once, and returns where it sends the browser back.
func (b *browser) provider(authURL string) string {
	b.t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(authURL)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		body, _ := io.ReadAll(resp.Body)
		b.t.Fatalf("provider: %d %s", resp.StatusCode, body)
	}
	return resp.Header.Get("Location")
}

// leave starts a sign-in going on to next and returns the provider's
// authorization URL the platform sent the browser to.
func (b *browser) leave(next string) string {
	b.t.Helper()
	w := b.platform("/login/oidc?next=" + url.QueryEscape(next))
	if w.Code != http.StatusFound {
		b.t.Fatalf("start: %d %s", w.Code, w.Body.String())
	}
	return w.Header().Get("Location")
}

// signIn runs the whole flow and returns the callback's answer.
func (b *browser) signIn(next string) *httptest.ResponseRecorder {
	b.t.Helper()
	return b.platform(b.provider(b.leave(next)))
}

// session is the browser's session cookie, "" for none.
func (b *browser) session() string {
	if c := b.cookies[httpx.SessionCookie]; c != nil {
		return c.Value
	}
	return ""
}

// wantRefused checks a callback answer refused the sign-in with status
// and message, and left no session.
func (b *browser) wantRefused(w *httptest.ResponseRecorder, status int, message string) {
	b.t.Helper()
	if w.Code != status || !strings.Contains(w.Body.String(), message) {
		b.t.Errorf("callback: %d, want %d with %q: %s", w.Code, status, message, answerText(w))
	}
	if b.session() != "" {
		b.t.Errorf("a refused sign-in set a session cookie")
	}
	if _, ok := b.cookies[httpx.OIDCCookie]; ok {
		b.t.Errorf("the refused attempt's cookie was kept")
	}
}

// linkSubject sets a user's subject through the API, as an administrator.
func (env *testEnv) linkSubject(admin *client, username, subject string) *firstset.User {
	env.t.Helper()
	id := env.userID(username)
	w := admin.get(idPath("/api/v1/users/{id}", id))
	var u firstset.User
	decode(env.t, w, &u)
	in := firstset.UserInput{Username: u.Username, Name: u.Name, Role: u.Role, EnterpriseID: u.EnterpriseID,
		BuyerID: u.BuyerID, InstitutionID: u.InstitutionID, DistrictCode: u.DistrictCode, Phone: u.Phone,
		Email: u.Email, Disabled: u.Disabled, OIDCSubject: &subject}
	w = admin.sendJSON(http.MethodPut, idPath("/api/v1/users/{id}", id), in, nil)
	if w.Code != http.StatusOK {
		env.t.Fatalf("link %s: %d %s", username, w.Code, w.Body.String())
	}
	decode(env.t, w, &u)
	if u.OIDCSubject != subject {
		env.t.Fatalf("user %s is linked to %q, want %q", username, u.OIDCSubject, subject)
	}
	return &u
}

func TestOIDCSignInEndToEnd(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		m := startProvider(t, &tokenTamper{})
		env := newOIDCTestEnv(t, store, m)
		admin := env.token("admin", firstset.ScopeUsersAdmin)
		env.linkSubject(admin, "reviewer", "city-0001")

		b := newBrowser(env)
		login := b.platform("/login?next=/cases")
		if !strings.Contains(login.Body.String(), "统一身份认证登录") ||
			!strings.Contains(login.Body.String(), `href="/login/oidc?next=%2fcases"`) {
			t.Fatalf("the login page offers no sign-in through the provider: %s", login.Body.String())
		}

		m.QueueUser(&mockoidc.MockUser{Subject: "city-0001", Email: "reviewer@cq.gov.cn", PreferredUsername: "li.si"})
		auth := b.leave("/cases")
		if !strings.HasPrefix(auth, m.AuthorizationEndpoint()+"?") {
			t.Fatalf("sent to %s, not the provider", auth)
		}
		u, _ := url.Parse(auth)
		q := u.Query()
		if q.Get("client_id") != m.ClientID || q.Get("redirect_uri") != oidcPublicURL+"/login/oidc/callback" ||
			q.Get("response_type") != "code" || q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" ||
			q.Get("state") == "" || q.Get("nonce") == "" || !strings.Contains(q.Get("scope"), "openid") {
			t.Errorf("authorization request: %v", q)
		}
		c := b.cookies[httpx.OIDCCookie]
		if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/login/oidc" || c.MaxAge <= 0 || c.MaxAge > 600 {
			t.Fatalf("attempt cookie: %+v", c)
		}
		if strings.Contains(c.Value, q.Get("code_challenge")) {
			t.Errorf("the cookie holds the challenge, not the verifier")
		}

		back := b.provider(auth)
		w := b.platform(back)
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/cases" {
			t.Fatalf("callback: %d %s: %s", w.Code, w.Header().Get("Location"), answerText(w))
		}
		sc := b.cookies[httpx.SessionCookie]
		if sc == nil || !sc.HttpOnly || sc.SameSite != http.SameSiteLaxMode {
			t.Fatalf("session cookie: %+v", sc)
		}
		if _, ok := b.cookies[httpx.OIDCCookie]; ok {
			t.Error("the attempt's cookie outlived its callback")
		}
		home := b.platform("/")
		if home.Code != http.StatusOK || !strings.Contains(home.Body.String(), "审核员") {
			t.Fatalf("home page after sign-in: %d %s", home.Code, answerText(home))
		}
		// The same session as a password's: the API knows who it is.
		me := (&client{env: env, cookie: b.session()}).get("/api/v1/me")
		if me.Code != http.StatusOK || !strings.Contains(me.Body.String(), `"reviewer"`) {
			t.Errorf("GET /api/v1/me in the session: %d %s", me.Code, me.Body.String())
		}
		entries := admin.get("/api/v1/audit?action=login").Body.String()
		if !strings.Contains(entries, "city-0001") || !strings.Contains(entries, "oidc") {
			t.Errorf("the sign-in is not in the audit log: %s", entries)
		}

		// The callback answers once: replayed, its attempt is gone.
		replay := newBrowser(env)
		replay.wantRefused(replay.platform(back), http.StatusBadRequest, "登录请求已失效")

		// A next off the platform stays on it.
		m.QueueUser(&mockoidc.MockUser{Subject: "city-0001"})
		away := newBrowser(env)
		if w := away.signIn("https://evil.example/steal"); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/" {
			t.Errorf("sign-in with a foreign next: %d %q", w.Code, w.Header().Get("Location"))
		}
	})
}

func TestOIDCUnknownSubjectIsRefusedUntilLinked(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		m := startProvider(t, &tokenTamper{})
		env := newOIDCTestEnv(t, store, m)
		admin := env.login("admin")

		m.QueueUser(&mockoidc.MockUser{Subject: "city-0042", Email: "zhang@cq-jia.example.cn", PreferredUsername: "张三"})
		b := newBrowser(env)
		b.wantRefused(b.signIn("/"), http.StatusForbidden, "该统一身份认证账号尚未关联平台用户，请联系管理员")

		page := admin.get("/admin/users").Body.String()
		m1 := regexp.MustCompile(`action="/admin/oidc-requests/(\d+)/link"`).FindStringSubmatch(page)
		if m1 == nil || !strings.Contains(page, "city-0042") || !strings.Contains(page, "张三") {
			t.Fatalf("the users page shows no pending sign-in: %s", page)
		}
		link := "/admin/oidc-requests/" + m1[1] + "/link"
		if w := admin.postForm(link, url.Values{"username": {"nobody"}}); w.Code != http.StatusUnprocessableEntity ||
			!strings.Contains(w.Body.String(), "用户 nobody 不存在") {
			t.Errorf("link to an unknown user: %d %s", w.Code, answerText(w))
		}
		if w := env.login("reviewer").postForm(link, url.Values{"username": {"ent-a"}}); w.Code != http.StatusForbidden {
			t.Errorf("a reviewer links a sign-in: %d", w.Code)
		}
		if w := admin.postForm(link, url.Values{"username": {"ent-a"}}); w.Code != http.StatusSeeOther {
			t.Fatalf("link: %d %s", w.Code, answerText(w))
		}
		if page := admin.get("/admin/users").Body.String(); strings.Contains(page, "city-0042") {
			t.Error("the linked sign-in is still pending")
		}
		edit := admin.get(idPath("/admin/users/{id}/edit", env.userID("ent-a"))).Body.String()
		if !strings.Contains(edit, `name="oidc_subject" value="city-0042"`) {
			t.Errorf("the user form does not show the link")
		}

		m.QueueUser(&mockoidc.MockUser{Subject: "city-0042"})
		b = newBrowser(env)
		if w := b.signIn("/"); w.Code != http.StatusSeeOther || b.session() == "" {
			t.Fatalf("sign-in once linked: %d %s", w.Code, answerText(w))
		}
		if home := b.platform("/"); !strings.Contains(home.Body.String(), "甲企业用户") {
			t.Fatalf("home page: %s", answerText(home))
		}

		// A subject signs in as one user only.
		api := env.token("admin", firstset.ScopeUsersAdmin)
		subject := "city-0042"
		id := env.userID("ent-b")
		w := api.sendJSON(http.MethodPut, idPath("/api/v1/users/{id}", id), firstset.UserInput{Username: "ent-b", Name: "乙企业用户",
			Role: firstset.RoleEnterprise, EnterpriseID: env.entB.ID, OIDCSubject: &subject}, nil)
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "oidc_subject") {
			t.Errorf("a second user on the subject: %d %s", w.Code, w.Body.String())
		}

		// A disabled user is refused, and the sessions end.
		disable := admin.postForm(idPath("/admin/users/{id}", env.userID("ent-a")), url.Values{"username": {"ent-a"},
			"name": {"甲企业用户"}, "role": {"enterprise"}, "enterprise_id": {httpx.Itoa(env.entA.ID)},
			"oidc_subject": {"city-0042"}, "disabled": {"1"}})
		if disable.Code != http.StatusSeeOther {
			t.Fatalf("disable: %d %s", disable.Code, answerText(disable))
		}
		if home := b.platform("/"); strings.Contains(home.Body.String(), "甲企业用户") {
			t.Error("the disabled user's session lives on")
		}
		m.QueueUser(&mockoidc.MockUser{Subject: "city-0042"})
		b = newBrowser(env)
		b.wantRefused(b.signIn("/"), http.StatusForbidden, "已停用")
	})
}

func TestOIDCRefusesTamperedTokens(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		tp := &tokenTamper{}
		m := startProvider(t, tp)
		env := newOIDCTestEnv(t, store, m)
		env.linkSubject(env.token("admin", firstset.ScopeUsersAdmin), "reviewer", "city-0001")
		for _, mode := range []string{"signature", "audience", "nonce", "issuer", "expired"} {
			tp.set(mode)
			m.QueueUser(&mockoidc.MockUser{Subject: "city-0001"})
			b := newBrowser(env)
			w := b.signIn("/")
			if w.Code < 400 || w.Code >= 500 {
				t.Errorf("%s: callback answers %d", mode, w.Code)
			}
			b.wantRefused(w, http.StatusUnauthorized, "统一身份认证登录未能完成")
		}
		// Untouched, the same subject signs in: the refusals were the tokens'.
		tp.set("")
		m.QueueUser(&mockoidc.MockUser{Subject: "city-0001"})
		if b := newBrowser(env); b.signIn("/").Code != http.StatusSeeOther || b.session() == "" {
			t.Error("an untouched token is refused")
		}
	})
}

func TestOIDCRefusesBadState(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		m := startProvider(t, &tokenTamper{})
		env := newOIDCTestEnv(t, store, m)
		env.linkSubject(env.token("admin", firstset.ScopeUsersAdmin), "reviewer", "city-0001")

		m.QueueUser(&mockoidc.MockUser{Subject: "city-0001"})
		b := newBrowser(env)
		back, _ := url.Parse(b.provider(b.leave("/")))
		q := back.Query()
		q.Set("state", "forged-"+q.Get("state"))
		back.RawQuery = q.Encode()
		b.wantRefused(b.platform(back.String()), http.StatusBadRequest, "登录请求已失效或来源无法确认")

		// A callback in a browser that never left for the provider (a
		// foreign page's link) carries no attempt.
		m.QueueUser(&mockoidc.MockUser{Subject: "city-0001"})
		leaver := newBrowser(env)
		back2 := leaver.provider(leaver.leave("/"))
		victim := newBrowser(env)
		victim.wantRefused(victim.platform(back2), http.StatusBadRequest, "登录请求已失效或来源无法确认")

		// The provider's refusal (the person cancelled).
		b = newBrowser(env)
		auth, _ := url.Parse(b.leave("/"))
		cancelled := "/login/oidc/callback?error=access_denied&state=" + url.QueryEscape(auth.Query().Get("state"))
		b.wantRefused(b.platform(cancelled), http.StatusUnauthorized, "统一身份认证未完成登录")
	})
}

func TestOIDCWithoutProviderChangesNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		c := env.public()
		if page := c.get("/login").Body.String(); strings.Contains(page, "统一身份认证") {
			t.Error("the login page offers a provider none configured")
		}
		for _, path := range []string{"/login/oidc", "/login/oidc/callback?code=x&state=y"} {
			if w := c.get(path); w.Code != http.StatusNotFound {
				t.Errorf("GET %s: %d", path, w.Code)
			}
		}
		if page := env.login("admin").get("/admin/users").Body.String(); strings.Contains(page, "统一身份认证") {
			t.Error("the users page shows pending sign-ins without a provider")
		}
		subject := "city-0001"
		api := env.token("admin", firstset.ScopeUsersAdmin)
		w := api.sendJSON(http.MethodPut, idPath("/api/v1/users/{id}", env.userID("reviewer")), firstset.UserInput{Username: "reviewer",
			Name: "审核员", Role: firstset.RoleReviewer, OIDCSubject: &subject}, nil)
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "oidc_not_configured") {
			t.Errorf("linking without a provider: %d %s", w.Code, w.Body.String())
		}
	})
}
