package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"firstset/web/httpx"
)

func TestChangeOwnPassword(t *testing.T) {
	env := newTestEnv(t)
	const newPassword = "Chongqing#2027-new"
	c := env.login("ent-a")
	otherDevice := env.login("ent-a")

	page := c.get("/account/password")
	if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), `name="confirm_password"`) {
		t.Fatalf("password form: %d", page.Code)
	}
	if !strings.Contains(c.get("/").Body.String(), `href="/account/password"`) {
		t.Errorf("the user menu does not link the password form")
	}

	refused := []struct {
		name          string
		old, new, cfm string
		field, msg    string
	}{
		{"all empty", "", "", "", "old_password", "请输入原密码"},
		{"no new password", testPassword, "", "", "new_password", "请输入新密码"},
		{"confirmation differs", testPassword, newPassword, newPassword + "x", "confirm_password", "两次输入的新密码不一致"},
		{"confirmation missing", testPassword, newPassword, "", "confirm_password", "请再次输入新密码"},
		{"same as old", testPassword, testPassword, testPassword, "new_password", "新密码不能与原密码相同"},
		{"wrong old password", "Wrong#Password-1", newPassword, newPassword, "old_password", "原密码不正确"},
		{"weak new password", testPassword, "short", "short", "new_password", "密码至少需要10个字符"},
	}
	for _, tc := range refused {
		w := c.postForm("/account/password", url.Values{"old_password": {tc.old}, "new_password": {tc.new}, "confirm_password": {tc.cfm}})
		body := w.Body.String()
		if w.Code != http.StatusUnprocessableEntity || !fieldHasError(body, tc.field, tc.msg) {
			t.Errorf("%s: %d, want %q beside %s\n%s", tc.name, w.Code, tc.msg, tc.field, body)
		}
		if tc.old != "" && strings.Contains(body, tc.old) || tc.new != "" && strings.Contains(body, `value="`+tc.new+`"`) {
			t.Errorf("%s: a password was sent back to the browser", tc.name)
		}
	}
	if w := otherDevice.get("/products"); w.Code != http.StatusOK {
		t.Fatalf("refused changes ended the sessions: %d", w.Code)
	}

	w := c.postForm("/account/password", url.Values{"old_password": {testPassword}, "new_password": {newPassword}, "confirm_password": {newPassword}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/login" {
		t.Fatalf("change: %d → %q\n%s", w.Code, w.Header().Get("Location"), w.Body.String())
	}
	cleared := false
	for _, ck := range w.Result().Cookies() {
		cleared = cleared || ck.Name == httpx.SessionCookie && ck.MaxAge < 0
	}
	if !cleared {
		t.Errorf("the session cookie was not cleared")
	}
	if body := c.get("/login").Body.String(); !strings.Contains(body, "密码已修改") || !strings.Contains(body, "请使用新密码重新登录") {
		t.Errorf("the login page does not say why")
	}
	// Every session of the user ended, on other devices too.
	for name, s := range map[string]*client{"this": c, "other": otherDevice} {
		if w := s.get("/products"); w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login") {
			t.Errorf("%s device's old session still works: %d", name, w.Code)
		}
	}

	login := func(password string) int {
		return env.public().postForm("/login", url.Values{"username": {"ent-a"}, "password": {password}}).Code
	}
	if code := login(testPassword); code != http.StatusUnauthorized {
		t.Errorf("the old password still logs in: %d", code)
	}
	if code := login(newPassword); code != http.StatusSeeOther {
		t.Errorf("the new password does not log in: %d", code)
	}
}

func TestPasswordFormNeedsLogin(t *testing.T) {
	env := newTestEnv(t)
	pub := env.public()
	if w := pub.get("/account/password"); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/login?next=%2Faccount%2Fpassword" {
		t.Errorf("public GET: %d → %q", w.Code, w.Header().Get("Location"))
	}
	if w := pub.postForm("/account/password", url.Values{"old_password": {"a"}, "new_password": {"b"}, "confirm_password": {"b"}}); w.Code != http.StatusUnauthorized {
		t.Errorf("public POST: %d", w.Code)
	}
}
