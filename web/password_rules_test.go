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

// commonPasswords are refused however they are decorated; each passes the
// length and character-class rules, so only the common-password rule can
// refuse them.
var commonPasswords = []string{"Password@123", "P@ssw0rd2026", "Admin@123456", "Qwerty!2026", "Zhangwei@1990"}

// Common passwords and passwords holding the username are refused, naming
// the field, wherever a password is set: creating and editing a user (API
// and page) and changing one's own password. Nothing is stored.
func TestCommonPasswordsAreRefused(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		api := env.token("admin", firstset.ScopeUsersAdmin)
		admin := env.login("admin")
		refusedAPI := func(what string, w interface{ Result() *http.Response }, body httpx.APIErrorBody, want string) {
			t.Helper()
			if body.Field != "password" || !strings.Contains(body.Message, want) {
				t.Errorf("%s: field %q, message %q; want password and %q", what, body.Field, body.Message, want)
			}
		}
		for _, pw := range commonPasswords {
			in := firstset.UserInput{Username: "newbie", Name: "新用户", Role: firstset.RoleBuyer, BuyerID: env.buyerOrg.ID, Password: pw}
			w := api.sendJSON(http.MethodPost, "/api/v1/users", in, nil)
			refusedAPI("API create with "+pw, w, assertAPIError(t, w, http.StatusUnprocessableEntity, firstset.EINVALID), "常见")

			page := admin.postForm("/admin/users", url.Values{"username": {"newbie"}, "name": {"新用户"}, "role": {"buyer"}, "buyer_id": {httpx.Itoa(env.buyerOrg.ID)}, "password": {pw}})
			if page.Code != http.StatusUnprocessableEntity || !fieldHasError(page.Body.String(), "password", "密码过于常见") {
				t.Errorf("page create with %s: %d\n%s", pw, page.Code, page.Body.String())
			}
		}
		in := firstset.UserInput{Username: "wangfang", Name: "王芳", Role: firstset.RoleBuyer, BuyerID: env.buyerOrg.ID, Password: "WangFang-Cq#88"}
		w := api.sendJSON(http.MethodPost, "/api/v1/users", in, nil)
		refusedAPI("a password holding the username", w, assertAPIError(t, w, http.StatusUnprocessableEntity, firstset.EINVALID), "用户名")
		if w := admin.get("/admin/users"); strings.Contains(w.Body.String(), "newbie") || strings.Contains(w.Body.String(), "wangfang") {
			t.Fatalf("a refused user was stored")
		}

		// Editing a user: refused, and the old password still works.
		buyer := env.userID("buyer")
		upd := firstset.UserInput{Username: "buyer", Name: "采购单位用户", Role: firstset.RoleBuyer, BuyerID: env.buyerOrg.ID, Password: "P@ssw0rd2026"}
		w = api.sendJSON(http.MethodPut, idPath("/api/v1/users/{id}", buyer), upd, nil)
		refusedAPI("API update", w, assertAPIError(t, w, http.StatusUnprocessableEntity, firstset.EINVALID), "常见")
		upd.Password = "Buyer-Lantern#7"
		w = api.sendJSON(http.MethodPut, idPath("/api/v1/users/{id}", buyer), upd, nil)
		refusedAPI("API update holding the username", w, assertAPIError(t, w, http.StatusUnprocessableEntity, firstset.EINVALID), "用户名")
		env.login("buyer") // fails the test if the password changed

		// Changing one's own password.
		c := env.login("ent-a")
		for pw, msg := range map[string]string{"Admin@123456": "密码过于常见", "Ent-A-Lantern#7": "密码不能包含用户名"} {
			w := c.postForm("/account/password", url.Values{"old_password": {testPassword}, "new_password": {pw}, "confirm_password": {pw}})
			if w.Code != http.StatusUnprocessableEntity || !fieldHasError(w.Body.String(), "new_password", msg) {
				t.Errorf("change to %s: %d, want %q beside new_password\n%s", pw, w.Code, msg, w.Body.String())
			}
		}
		env.login("ent-a")
	})
}
