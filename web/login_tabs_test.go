package web

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestExpiredFormKeepsOtherLoginTabs: the login page shown for a form
// posted after its session expired keeps the browser's pre-session, so
// a login page already open in another tab still logs in (a real cookie
// jar, which sends a cookie only on its path).
func TestExpiredFormKeepsOtherLoginTabs(t *testing.T) {
	env := newTestEnv(t)
	ts := httptest.NewServer(env.srv.Handler())
	defer ts.Close()
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(p string) string {
		resp, err := hc.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	post := func(p string, v url.Values) (int, string) {
		req, _ := http.NewRequest("POST", ts.URL+p, strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", ts.URL)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	// log in
	lv, _ := formValues(get("/login"), "/login")
	lv.Set("username", "ent-a")
	lv.Set("password", testPassword)
	if code, _ := post("/login", lv); code != http.StatusSeeOther {
		t.Fatalf("login %d", code)
	}
	page := get("/products/new")
	pv, _ := formValues(page, "/products")
	env.svc.Now = func() time.Time { return time.Now().Add(13 * time.Hour) }
	// Tab 1: a login page.
	tab1, _ := formValues(get("/login"), "/login")
	// Tab 2: an expired form post gets the login page with a new pre-session.
	pv.Set("name", "x")
	code, body := post("/products", pv)
	if code != http.StatusUnauthorized {
		t.Fatalf("expired post %d", code)
	}
	if _, ok := formValues(body, "/login"); !ok {
		t.Fatalf("the expired post did not show the login form")
	}
	tab1.Set("username", "ent-a")
	tab1.Set("password", testPassword)
	if code, _ := post("/login", tab1); code != http.StatusSeeOther {
		t.Errorf("the login tab opened first no longer works: %d", code)
	}
}
