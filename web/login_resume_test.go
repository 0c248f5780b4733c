package web

import (
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"firstset"
	"firstset/dbtest"
	"firstset/web/httpx"
	"firstset/web/ui"
)

// formValues reads the inputs of the form posting to action on page, as a
// browser would send them, and reports whether there was such a form.
func formValues(page, action string) (url.Values, bool) {
	z := html.NewTokenizer(strings.NewReader(page))
	v, in, found := url.Values{}, false, false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return v, found
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			attr := func(name string) (string, bool) {
				for _, a := range t.Attr {
					if a.Key == name {
						return a.Val, true
					}
				}
				return "", false
			}
			switch t.Data {
			case "form":
				a, _ := attr("action")
				in = a == action
				found = found || in
			case "input":
				if name, ok := attr("name"); in && ok {
					val, _ := attr("value")
					v.Add(name, val)
				}
			}
		case html.EndTagToken:
			if z.Token().Data == "form" {
				in = false
			}
		}
	}
}

// A form posted after the session expired is not lost: the login page
// answers in place (401) carrying the form, minus the old CSRF token; after
// logging in the person confirms it, once, and it is stored then, not
// before.
func TestExpiredSessionKeepsThePostedForm(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		c := env.login("ent-a")
		countProducts := func() int {
			ctx := firstset.NewContextWithActor(t.Context(), firstset.SystemActor())
			_, n, err := env.svc.FindProducts(ctx, firstset.ProductFilter{})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := countProducts()
		// The session expires while the person fills in the form.
		env.svc.Now = func() time.Time { return time.Now().Add(13 * time.Hour) }
		form := url.Values{"name": {"续交的装备"}, "model": {"R-1"}, "category_id": {httpx.Itoa(env.catA.ID)},
			"innovation_level": {"national"}, "description": {"第一行\n第二行 <b>粗体</b> & \"引号\""},
			"param_name": {"功率", "转速"}, "param_value": {"5", "1500"}, "param_unit": {"kW", "r/min"}}
		w := c.postForm("/products", maps.Clone(form))
		page := w.Body.String()
		if w.Code != http.StatusUnauthorized || !strings.Contains(page, "登录已过期") {
			t.Fatalf("expired session: %d, want the login page with 401\n%s", w.Code, page)
		}
		login, ok := formValues(page, "/login")
		if !ok || login.Get("resume_action") != "/products" || login.Get(httpx.CSRFField) == "" || login.Get(httpx.CSRFField) == c.csrf {
			t.Fatalf("no login form carrying the post: %v", login)
		}
		for k, vs := range form {
			if got := login["resume."+k]; strings.Join(got, "|") != strings.Join(vs, "|") {
				t.Errorf("field %s carried as %q, want %q", k, got, vs)
			}
		}
		if login.Has("resume." + httpx.CSRFField) {
			t.Errorf("the old session's CSRF token was carried")
		}
		if countProducts() != before {
			t.Fatalf("the expired session's post was stored")
		}

		// Log in from that page: the confirmation, not a resubmission.
		browser := &client{env: env, loginCookie: c.loginCookie}
		login.Set("username", "ent-a")
		login.Set("password", testPassword)
		w = browser.request(http.MethodPost, "/login", strings.NewReader(login.Encode()),
			http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
		page = w.Body.String()
		for _, ck := range w.Result().Cookies() {
			if ck.Name == httpx.SessionCookie {
				browser.cookie = ck.Value
			}
		}
		if w.Code != http.StatusOK || !strings.Contains(page, "登录已恢复，请确认重新提交") || browser.cookie == "" || !strings.Contains(page, "甲企业用户") {
			t.Fatalf("after logging in: %d, session %q\n%s", w.Code, browser.cookie, page)
		}
		if countProducts() != before {
			t.Fatalf("the form was sent again without being confirmed")
		}
		again, ok := formValues(page, "/products")
		if !ok {
			t.Fatalf("no form posting to /products on the confirmation page")
		}
		for k, vs := range form {
			if strings.Join(again[k], "|") != strings.Join(vs, "|") {
				t.Errorf("confirmation field %s = %q, want %q", k, again[k], vs)
			}
		}
		// One click sends it, with the new session's token.
		w = browser.request(http.MethodPost, "/products", strings.NewReader(again.Encode()),
			http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
		if w.Code != http.StatusSeeOther || countProducts() != before+1 {
			t.Fatalf("confirmed post: %d %s", w.Code, w.Body.String())
		}
		if shown := browser.get(w.Header().Get("Location")).Body.String(); !strings.Contains(shown, "续交的装备") || !strings.Contains(shown, "r/min") {
			t.Errorf("the stored product lacks what was typed")
		}
	})
}

// Passwords (and the CSRF token) are never written back into a page: an
// expired session's password change comes back without them, saying so.
func TestExpiredSessionDoesNotEchoPasswords(t *testing.T) {
	env := newTestEnv(t)
	c := env.login("ent-a")
	env.svc.Now = func() time.Time { return time.Now().Add(13 * time.Hour) }
	const secret = "New-Lantern#2027"
	w := c.postForm("/account/password", url.Values{"old_password": {testPassword}, "new_password": {secret}, "confirm_password": {secret}})
	if w.Code != http.StatusUnauthorized || strings.Contains(w.Body.String(), secret) || strings.Contains(w.Body.String(), testPassword) {
		t.Fatalf("expired password change: %d\n%s", w.Code, w.Body.String())
	}
	login, _ := formValues(w.Body.String(), "/login")
	login.Set("username", "ent-a")
	login.Set("password", testPassword)
	browser := &client{env: env, loginCookie: c.loginCookie}
	w = browser.request(http.MethodPost, "/login", strings.NewReader(login.Encode()),
		http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "密码和上传的文件不会保留") || strings.Contains(w.Body.String(), secret) {
		t.Errorf("confirmation of a password form: %d\n%s", w.Code, w.Body.String())
	}
}

// A 413 page is the logged-in person's page, and leads back to the form.
func TestTooLargePageKnowsTheSession(t *testing.T) {
	env := newTestEnv(t)
	c := env.login("ent-a")
	body := url.Values{httpx.CSRFField: {c.csrf}, "name": {"x"}, "description": {strings.Repeat("很长的说明", 350_000)}}.Encode() // ~5 MB
	r := httptest.NewRequest(http.MethodPost, "/products", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Referer", "http://example.com/products/new")
	r.AddCookie(&http.Cookie{Name: httpx.SessionCookie, Value: c.cookie})
	w := httptest.NewRecorder()
	env.srv.Handler().ServeHTTP(w, r)
	page := w.Body.String()
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(page, "提交内容过大") {
		t.Fatalf("5 MB field: %d", w.Code)
	}
	if !strings.Contains(page, "甲企业用户") || !strings.Contains(page, `action="/logout"`) {
		t.Errorf("the 413 page shows a logged-out header")
	}
	if !strings.Contains(page, `href="/products/new">返回上一页`) || !strings.Contains(page, "后退") {
		t.Errorf("the 413 page offers no way back to the form")
	}
	// A referring page of another site is not offered.
	r = httptest.NewRequest(http.MethodPost, "/products", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Referer", "https://evil.example/products/new")
	w = httptest.NewRecorder()
	env.srv.Handler().ServeHTTP(w, r)
	if b, _ := io.ReadAll(w.Body); strings.Contains(string(b), "evil.example") {
		t.Errorf("a foreign referer is offered as the way back")
	}
}

// After logging in, the person goes on to the page they asked for, never
// to another site; the header's login link remembers the page.
func TestLoginGoesBackToTheRequestedPage(t *testing.T) {
	env := newTestEnv(t)
	pub := env.public()
	w := pub.get("/products?status=draft")
	loc := w.Header().Get("Location")
	if w.Code != http.StatusSeeOther || loc != "/login?next="+url.QueryEscape("/products?status=draft") {
		t.Fatalf("a page needing login: %d → %q", w.Code, loc)
	}
	page := pub.get(loc).Body.String()
	login, _ := formValues(page, "/login")
	if login.Get("next") != "/products?status=draft" {
		t.Fatalf("the login form lost next: %v", login)
	}
	login.Set("username", "ent-a")
	login.Set("password", testPassword)
	w = pub.request(http.MethodPost, "/login", strings.NewReader(login.Encode()),
		http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/products?status=draft" {
		t.Errorf("after login: %d → %q", w.Code, w.Header().Get("Location"))
	}

	for _, next := range []string{"//evil.example/x", "https://evil.example/", "/\\evil.example", "/\t/evil.example",
		"evil.example", "http:/evil.example", "/\r\nSet-Cookie:x=1"} {
		c := env.public()
		if got, _ := formValues(c.get("/login?next="+url.QueryEscape(next)).Body.String(), "/login"); got.Get("next") != "/" {
			t.Errorf("login page with next=%q offers next=%q", next, got.Get("next"))
		}
		w := c.postForm("/login", url.Values{"username": {"ent-a"}, "password": {testPassword}, "next": {next}})
		if loc := w.Header().Get("Location"); w.Code != http.StatusSeeOther || loc != "/" {
			t.Errorf("login with next=%q → %d %q", next, w.Code, loc)
		}
	}

	// The header's login link carries the page it is on.
	if page := env.public().get("/catalog?q=机床").Body.String(); !strings.Contains(page, `href="/login?next=%2fcatalog"`) {
		t.Errorf("the header's login link does not come back to the catalog")
	}
}

// TestResumedFormFitsTheLogin: a form carried through the login page is
// one the login form can send back within its body limit, however its
// text encodes (Chinese takes nine bytes a character); one that cannot is
// not carried, and the page says how to get it back.
func TestResumedFormFitsTheLogin(t *testing.T) {
	env := newTestEnv(t)
	for _, n := range []int{100, 1700, 3000} { // 0.6, 10 and 18 thousand characters
		c := env.login("ent-a")
		env.svc.Now = func() time.Time { return time.Now().Add(13 * time.Hour) }
		w := c.postForm("/tender", url.Values{"text": {strings.Repeat("招标文件内容", n)}})
		env.svc.Now = time.Now
		if w.Code != http.StatusUnauthorized {
			t.Fatalf("%d: a post after the session expired: %d", n, w.Code)
		}
		login, carried := formValues(w.Body.String(), "/login")
		if !carried || login.Get(ui.ResumeActionField) == "" {
			if !strings.Contains(w.Body.String(), "无法随登录保留") {
				t.Errorf("%d: the form is neither carried nor explained", n)
			}
			continue
		}
		login.Set("username", "ent-a")
		login.Set("password", testPassword)
		browser := &client{env: env, loginCookie: c.loginCookie}
		w = browser.request(http.MethodPost, "/login", strings.NewReader(login.Encode()),
			http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "登录已恢复") {
			t.Errorf("%d: logging in with the carried form: %d", n, w.Code)
		}
	}
}
