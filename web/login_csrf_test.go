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

// A login posted without the pre-session of this browser's login page, as
// a foreign page would post it, is refused with 403 and logs nobody in.
func TestLoginFormNeedsItsPreSession(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) { testLoginFormNeedsItsPreSession(t, newTestEnvOn(t, store)) })
}

func testLoginFormNeedsItsPreSession(t *testing.T, env *testEnv) {
	form := func(token string) url.Values {
		v := url.Values{"username": {"ent-a"}, "password": {testPassword}}
		if token != "" {
			v.Set(httpx.CSRFField, token)
		}
		return v
	}
	post := func(c *client, v url.Values) *http.Response {
		t.Helper()
		return c.request(http.MethodPost, "/login", strings.NewReader(v.Encode()),
			http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}).Result()
	}
	sessionSet := func(resp *http.Response) bool {
		for _, ck := range resp.Cookies() {
			if ck.Name == httpx.SessionCookie && ck.Value != "" {
				return true
			}
		}
		return false
	}

	// The login page opens the pre-session: a cookie and the same token in
	// the form.
	victim := env.public()
	page := victim.get("/login")
	m := csrfFieldPattern.FindStringSubmatch(page.Body.String())
	if m == nil || victim.loginCookie == "" || m[1] != victim.loginCookie {
		t.Fatalf("the login page sets no pre-session: form token %v, cookie %q", m, victim.loginCookie)
	}
	for _, ck := range page.Result().Cookies() {
		if ck.Name == httpx.LoginFormCookie && (!ck.HttpOnly || ck.MaxAge <= 0 || ck.MaxAge > 3600) {
			t.Errorf("pre-session cookie attributes: %+v", ck)
		}
	}
	token := m[1]

	cases := []struct {
		name   string
		client *client
		token  string
	}{
		{"a foreign page: no cookie, no token", env.public(), ""},
		{"a token without the cookie", env.public(), token},
		{"the cookie without the token", victim, ""},
		{"the cookie with another token", victim, strings.Repeat("A", len(token))},
	}
	for _, tc := range cases {
		resp := post(tc.client, form(tc.token))
		if resp.StatusCode != http.StatusForbidden || sessionSet(resp) {
			t.Errorf("%s: %d, session cookie set %v; want 403 and none", tc.name, resp.StatusCode, sessionSet(resp))
		}
	}
	if got := loginAudit(t, env, "login"); len(got) != 0 {
		t.Fatalf("refused logins opened %d sessions", len(got))
	}
	if got := loginAudit(t, env, "login_failed"); len(got) != 0 {
		t.Errorf("refused forms had their password checked: %d login_failed entries", len(got))
	}

	// The refusal page is a working login form again.
	refused := env.public()
	w := refused.request(http.MethodPost, "/login", strings.NewReader(form("").Encode()),
		http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
	if !strings.Contains(w.Body.String(), "登录页面已失效") || refused.loginCookie == "" {
		t.Errorf("the refusal does not say why or offers no new form: %s", w.Body.String())
	}
	if w := refused.loginForm("ent-a", testPassword); w.Code != http.StatusSeeOther {
		t.Errorf("logging in from the refusal page: %d", w.Code)
	}

	// Two tabs of the login page share one pre-session, so either works;
	// it ends with the login.
	victim.get("/login")
	resp := post(victim, form(token))
	if resp.StatusCode != http.StatusSeeOther || !sessionSet(resp) {
		t.Fatalf("login with the page's token: %d", resp.StatusCode)
	}
	if victim.loginCookie != "" {
		t.Errorf("the pre-session outlives the login")
	}
	if got := loginAudit(t, env, "login"); len(got) != 2 {
		t.Errorf("%d logins recorded, want 2", len(got))
	}
}

// A login page left open in a tab, posted after another tab logged in,
// is answered by the login form's own check with a fresh form, not by
// the session's CSRF check.
func TestStaleLoginTabGetsAFreshForm(t *testing.T) {
	env := newTestEnv(t)
	c := env.public()
	c.prepareLogin()
	stale := c.loginToken
	if w := c.loginForm("ent-a", testPassword); w.Code != http.StatusSeeOther {
		t.Fatalf("login: %d", w.Code)
	}
	c.cookie = loginCookieOf(t, env, "ent-a")
	w := c.request(http.MethodPost, "/login", strings.NewReader(url.Values{"username": {"ent-a"},
		"password": {testPassword}, httpx.CSRFField: {stale}}.Encode()),
		http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
	if w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), "登录页面已失效") || !csrfFieldPattern.MatchString(w.Body.String()) {
		t.Errorf("stale login tab: %d %s", w.Code, w.Body.String())
	}
}

// loginCookieOf logs username in and returns the session cookie's value.
func loginCookieOf(t *testing.T, env *testEnv, username string) string {
	t.Helper()
	return env.login(username).cookie
}
