package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"firstset"
)

// /metrics on the main address answers only a token carrying
// metrics:read, which only administrators may grant; the public, sessions
// and other tokens are refused in JSON. MetricsHandler, for a private
// listener, serves the same series without asking.
func TestMetricsNeedTheMetricsScope(t *testing.T) {
	env := newTestEnv(t)
	env.public().get("/catalog")

	w := env.public().get("/metrics")
	body := assertAPIError(t, w, http.StatusUnauthorized, firstset.EUNAUTHORIZED)
	if !strings.Contains(body.Message, "metrics:read") || !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("public: message %q, WWW-Authenticate %q", body.Message, w.Header().Get("WWW-Authenticate"))
	}
	if strings.Contains(w.Body.String(), "firstset_") {
		t.Fatalf("the public reads the series")
	}
	assertAPIError(t, env.login("admin").get("/metrics"), http.StatusForbidden, firstset.EFORBIDDEN)
	assertAPIError(t, env.token("admin", firstset.ScopeUsersAdmin, firstset.ScopeCatalogRead).get("/metrics"), http.StatusForbidden, firstset.EFORBIDDEN)
	assertAPIError(t, (&client{env: env, bearer: "fst_not-a-token"}).get("/metrics"), http.StatusUnauthorized, firstset.EUNAUTHORIZED)

	// Only administrators may give a token metrics:read.
	for _, u := range []string{"reviewer", "ent-a", "buyer"} {
		w := env.login(u).sendJSON(http.MethodPost, "/api/v1/tokens",
			firstset.TokenInput{Name: "指标", Scopes: []firstset.Scope{firstset.ScopeMetricsRead}}, nil)
		if e := assertAPIError(t, w, http.StatusUnprocessableEntity, firstset.EINVALID); e.Field != "scopes" {
			t.Errorf("%s granting metrics:read: field %q", u, e.Field)
		}
	}

	scraper := env.token("admin", firstset.ScopeMetricsRead)
	w = scraper.get("/metrics")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `firstset_http_requests_total{route="GET /catalog",status="200"} 1`) {
		t.Fatalf("metrics:read token: %d\n%s", w.Code, w.Body.String())
	}

	r := httptest.NewRecorder()
	env.srv.MetricsHandler().ServeHTTP(r, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if r.Code != http.StatusOK || !strings.Contains(r.Body.String(), "firstset_http_requests_total") {
		t.Errorf("the private handler: %d", r.Code)
	}
	r = httptest.NewRecorder()
	env.srv.MetricsHandler().ServeHTTP(r, httptest.NewRequest(http.MethodGet, "/catalog", nil))
	if r.Code != http.StatusNotFound {
		t.Errorf("the private handler serves more than /metrics: %d", r.Code)
	}
}
