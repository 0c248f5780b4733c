package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"firstset"
	"firstset/date"
	"firstset/service"
	"firstset/web"
)

// cliOut runs a command line and returns its exit code, stdout and stderr
// apart.
func cliOut(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, nil, &out, &errb)
	return code, out.String(), errb.String()
}

// apiAs calls the API of a server on dsn with bearer, the services' clock
// reading now.
func apiAs(t *testing.T, dsn, bearer, path string, now time.Time) (int, string) {
	t.Helper()
	store, err := openStore(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	svc := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
	svc.Now = func() time.Time { return now }
	srv := web.New(web.Options{Services: web.ServicesOf(svc), Ready: store.Ping})
	r := httptest.NewRequest(http.MethodGet, path, nil)
	r.Header.Set("Authorization", "Bearer "+bearer)
	w := httptest.NewRecorder()
	srv.Handler().ServeHTTP(w, r)
	return w.Code, w.Body.String()
}

var tokenLine = regexp.MustCompile(`^fst_[A-Za-z0-9_-]{43}\n$`)

// TestTokenCreate issues tokens the way an operator sets up an insurer's
// or a bank's integration, uses them against the API, and checks what is
// refused: a scope the user's role may not hold, an unknown user, a day
// gone by. Each refusal exits 2, prints nothing on stdout and stores
// nothing.
func TestTokenCreate(t *testing.T) {
	for _, db := range databases() {
		t.Run(db.name, func(t *testing.T) {
			dsn := seeded(t, db)
			now := time.Now()

			// all: every scope the insurer's role may hold; only the token
			// on stdout, so $(firstset token create …) captures it.
			code, out, msg := cliOut(t, "token", "create", "--db", dsn, "--user", "insurer", "--scopes", "all", "--name", "共保体对接")
			if code != 0 || !tokenLine.MatchString(out) {
				t.Fatalf("exit %d, stdout %q, stderr %s", code, out, msg)
			}
			if !strings.Contains(msg, "insurer") || !strings.Contains(msg, "catalog:read") || strings.Contains(msg, strings.TrimSpace(out)) {
				t.Errorf("stderr does not say what was issued, or repeats the secret: %s", msg)
			}
			secret := strings.TrimSpace(out)
			status, body := apiAs(t, dsn, secret, "/api/v1/me", now)
			if status != 200 || !strings.Contains(body, `"username":"insurer"`) {
				t.Fatalf("the token on the API: %d %s", status, body)
			}
			status, body = apiAs(t, dsn, secret, "/api/v1/tokens", now)
			var list struct {
				Items []firstset.APIToken `json:"items"`
			}
			json.Unmarshal([]byte(body), &list)
			want := firstset.ScopesForRole(firstset.RoleInsurer)
			if status != 200 || len(list.Items) != 1 || list.Items[0].Name != "共保体对接" || !slices.Equal(list.Items[0].Scopes, want) || list.Items[0].ExpiresAt != nil {
				t.Fatalf("the insurer's tokens: %d %s; want one named 共保体对接 with %v", status, body, want)
			}
			// An administrator's all includes /metrics.
			code, out, msg = cliOut(t, "token", "create", "--db", dsn, "--user", "admin", "--scopes", "all")
			if code != 0 {
				t.Fatalf("admin all: exit %d: %s", code, msg)
			}
			if status, _ := apiAs(t, dsn, strings.TrimSpace(out), "/metrics", now); status != 200 {
				t.Errorf("the admin's all token on /metrics: %d", status)
			}

			// A listed scope and a last day: the token works through the
			// end of that day in Shanghai, and not after.
			last := date.FromTime(now).AddDays(3)
			code, out, msg = cliOut(t, "token", "create", "--db", dsn, "--user", "finance", "--scopes", "catalog:read, products:read", "--expires", last.String())
			if code != 0 || !tokenLine.MatchString(out) {
				t.Fatalf("listed scopes: exit %d, %q, %s", code, out, msg)
			}
			secret = strings.TrimSpace(out)
			endOfDay := time.Date(last.Time().Year(), last.Time().Month(), last.Time().Day(), 23, 59, 59, 0, date.Shanghai)
			if status, _ := apiAs(t, dsn, secret, "/api/v1/me", endOfDay); status != 200 {
				t.Errorf("on its last day, 23:59:59 in Shanghai: %d", status)
			}
			if status, _ := apiAs(t, dsn, secret, "/api/v1/me", endOfDay.Add(time.Second)); status != 401 {
				t.Errorf("the next day in Shanghai: %d", status)
			}
			if status, _ := apiAs(t, dsn, secret, "/api/v1/products", now); status != 200 {
				t.Errorf("products:read with the listed scopes: %d", status)
			}
			if status, _ := apiAs(t, dsn, secret, "/api/v1/tokens", now); status != 403 {
				t.Errorf("a token without tokens:manage lists tokens: %d", status)
			}

			refused := []struct {
				args []string
				want string
			}{
				{[]string{"--user", "enterprise", "--scopes", "users:admin"}, "--scopes"},
				{[]string{"--user", "finance", "--scopes", "metrics:read"}, "--scopes"},
				{[]string{"--user", "enterprise", "--scopes", "catalog:read,no:such"}, "--scopes"},
				{[]string{"--user", "nobody", "--scopes", "all"}, "--user"},
				{[]string{"--user", "finance", "--scopes", "all", "--expires", date.FromTime(now).AddDays(-1).String()}, "--expires"},
				{[]string{"--user", "finance", "--scopes", "all", "--expires", "2026-02-30"}, "--expires"},
				{[]string{"--user", "finance", "--scopes", "catalog:read,,products:read"}, "--scopes"},
				{[]string{"--user", "finance"}, "--scopes"},
				{[]string{"--scopes", "all"}, "--user"},
				{[]string{"--user", "finance", "--scopes", "all", "extra"}, "extra"},
			}
			for _, r := range refused {
				code, out, msg := cliOut(t, append([]string{"token", "create", "--db", dsn}, r.args...)...)
				if code != 2 || out != "" || !strings.Contains(msg, r.want) {
					t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 naming %s", r.args, code, out, msg, r.want)
				}
			}
			if code, _, _ := cliOut(t, "token", "list"); code != 2 {
				t.Errorf("an unknown token subcommand exits %d", code)
			}

			// Three tokens were issued, each audited as the platform's act in
			// the chain, which still verifies.
			store, err := openStore(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			var issued []*firstset.AuditEntry
			store.View(context.Background(), func(tx firstset.Tx) error {
				all, err := tx.ListAudit(context.Background(), firstset.AuditFilter{Entity: "api_token", Limit: 100})
				for _, e := range all {
					if e.Action == "create" {
						issued = append(issued, e)
					}
				}
				return err
			})
			store.Close()
			if len(issued) != 3 {
				t.Fatalf("%d token creations audited, want 3", len(issued))
			}
			for _, e := range issued {
				if e.ActorName != firstset.SystemActor().Name() || strings.Contains(string(e.After), secret[len("fst_"):]) {
					t.Errorf("audit entry: actor %q, after %s", e.ActorName, e.After)
				}
			}
			if code, out := cli(t, "audit", "verify", "--db", dsn); code != 0 {
				t.Fatalf("audit chain after issuing: %s", out)
			}
		})
	}
}
