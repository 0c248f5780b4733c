package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"firstset"
	"firstset/dbtest"
	"firstset/web/httpx"
)

// A browser's User-Agent is kept with the session for the person's own
// information; whatever bytes it carries, it never decides whether a
// login succeeds (PostgreSQL refuses bytes that are not UTF-8).
func TestLoginKeepsAnyUserAgent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		for _, ua := range []string{"Mozilla/5.0 \xff\xfe", "agent\x7f\u202e"} {
			// From the login page, as a browser comes, with whatever token
			// its form carries.
			c := env.public()
			form := url.Values{"username": {"ent-a"}, "password": {testPassword}}
			if m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(c.get("/login").Body.String()); m != nil {
				form.Set(httpx.CSRFField, m[1])
			}
			w := c.request(http.MethodPost, "/login", strings.NewReader(form.Encode()), http.Header{
				"Content-Type": {"application/x-www-form-urlencoded"}, "User-Agent": {ua}})
			if w.Code != http.StatusSeeOther {
				t.Errorf("login with User-Agent %q: %d", ua, w.Code)
			}
		}
	})
}
