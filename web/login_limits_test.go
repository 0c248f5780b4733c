package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"firstset"
	"firstset/dbtest"
	"firstset/service"
)

// Wrong logins sent all at once from one address, each at another name,
// stay within the address's limit: only that many have their password
// checked (401), the rest are refused before it (429).
func TestParallelLoginsFromOneAddressStayWithinItsLimit(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		for _, n := range []int{80, 200} {
			t.Run(fmt.Sprint(n), func(t *testing.T) {
				// Each run comes from an address of its own.
				addr := fmt.Sprintf("198.51.100.%d:4000", n%250)
				clients := make([]*client, n)
				for i := range clients {
					clients[i] = env.public()
					clients[i].remoteAddr = addr
					clients[i].prepareLogin()
				}
				codes := make([]int, n)
				var wg sync.WaitGroup
				for i, c := range clients {
					wg.Go(func() {
						codes[i] = c.postForm("/login", url.Values{"username": {fmt.Sprintf("guess%03d", i)}, "password": {"Wrong-guess#1"}}).Code
					})
				}
				wg.Wait()
				checked, refused := 0, 0
				for _, code := range codes {
					switch code {
					case http.StatusUnauthorized:
						checked++
					case http.StatusTooManyRequests:
						refused++
					default:
						t.Fatalf("a parallel login answered %d", code)
					}
				}
				limit := service.DefaultConfig.MaxFailuresPerIP
				t.Logf("%d parallel wrong logins: %d checked, %d refused", n, checked, refused)
				if checked > limit || checked+refused != n {
					t.Fatalf("%d of %d parallel wrong logins from one address had their password checked, %d were refused; the limit is %d",
						checked, n, refused, limit)
				}
				// Each checked guess is audited, and the lockout of the address once.
				ip, _, _ := strings.Cut(addr, ":")
				from := func(action string) (n int) {
					for _, e := range loginAudit(t, env, action) {
						if strings.Contains(string(e.After), `"ip":"`+ip+`"`) {
							n++
						}
					}
					return n
				}
				if failed, locked := from("login_failed"), from("login_locked"); failed != checked || locked != 1 {
					t.Errorf("audit: %d login_failed (want %d), %d login_locked (want 1) for %s", failed, checked, locked, ip)
				}
			})
		}
	})
}

// A right password from an address leaves no failure counted against the
// address, while the wrong guesses made from it still count.
func TestLoginSuccessTakesBackOnlyItsOwnAttempt(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvConfig(t, store, func(c *service.Config) { c.MaxFailuresPerIP = 3 })
		from := func() *client {
			c := env.public()
			c.remoteAddr = "203.0.113.9:5000"
			return c
		}
		// Right logins from the address, more than its limit: none counts
		// against it.
		for range 4 {
			if w := from().loginForm("ent-a", testPassword); w.Code != http.StatusSeeOther {
				t.Fatalf("right password: %d", w.Code)
			}
		}
		// Two wrong guesses at other names, then a right login: the
		// guesses still count, so the third guess is the last allowed.
		for _, name := range []string{"nobody1", "nobody2"} {
			if w := from().loginForm(name, "Wrong-guess#1"); w.Code != http.StatusUnauthorized {
				t.Fatalf("guess at %s: %d", name, w.Code)
			}
		}
		if w := from().loginForm("ent-b", testPassword); w.Code != http.StatusSeeOther {
			t.Fatalf("right password after two guesses: %d", w.Code)
		}
		if w := from().loginForm("nobody3", "Wrong-guess#1"); w.Code != http.StatusUnauthorized {
			t.Fatalf("third guess: %d", w.Code)
		}
		if w := from().loginForm("nobody4", "Wrong-guess#1"); w.Code != http.StatusTooManyRequests {
			t.Fatalf("fourth guess from the address: %d, want 429", w.Code)
		}
	})
}

// Failed logins and the start of a lockout are in the audit log, with
// the name tried and the address, never the password; a lockout is
// recorded once, not once for each attempt refused while it lasts.
func TestFailedLoginsAndLockoutsAreAudited(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		const secret = "Wrong-Secret#42"
		pub := env.public()
		pub.remoteAddr = "192.0.2.77:1234"
		for range service.DefaultConfig.MaxFailuresPerUser + 10 {
			pub.loginForm("ent-a", secret)
		}
		pub.loginForm("no-such-user", secret)
		// A password typed into the name box is not kept in the log.
		pub.loginForm(secret, "x")

		failed, locked := loginAudit(t, env, "login_failed"), loginAudit(t, env, "login_locked")
		entA := env.userID("ent-a")
		var known, unknown int
		for _, e := range failed {
			var ev struct{ Username, IP, Reason string }
			json.Unmarshal(e.After, &ev)
			switch {
			case e.EntityID == entA && ev.Username == "ent-a" && ev.IP == "192.0.2.77" && ev.Reason == "wrong_password":
				known++
			case e.EntityID == 0 && ev.Username == "n**********r" && ev.IP == "192.0.2.77" && ev.Reason == "unknown_user":
				unknown++
			case e.EntityID == 0 && ev.Username == "w*************2" && ev.Reason == "unknown_user":
				unknown++
			default:
				t.Errorf("unexpected login_failed entry: id %d, %s", e.EntityID, e.After)
			}
		}
		if known != service.DefaultConfig.MaxFailuresPerUser || unknown != 2 {
			t.Errorf("login_failed entries: %d for ent-a (want %d, the attempts refused while locked record nothing), %d for the unknown names (want 2)",
				known, service.DefaultConfig.MaxFailuresPerUser, unknown)
		}
		if len(locked) != 1 || locked[0].EntityID != entA || !strings.Contains(string(locked[0].After), `"limit":"username"`) {
			t.Fatalf("login_locked entries: %d, want one for ent-a: %v", len(locked), locked)
		}
		for _, e := range append(failed, locked...) {
			if strings.Contains(strings.ToLower(string(e.After)+string(e.Before)), strings.ToLower(secret)) {
				t.Errorf("the password is in the audit log: %s", e.After)
			}
		}
		// The chain still verifies with the new entries in it.
		ctx := firstset.NewContextWithActor(t.Context(), firstset.SystemActor())
		if v, err := env.svc.VerifyAudit(ctx); err != nil || v.Problem != nil {
			t.Fatalf("audit chain: %v %+v", err, v)
		}
	})
}

// loginAudit returns the audit entries about users with action.
func loginAudit(t *testing.T, env *testEnv, action string) []*firstset.AuditEntry {
	t.Helper()
	ctx := firstset.NewContextWithActor(t.Context(), firstset.SystemActor())
	entries, err := env.svc.FindAuditEntries(ctx, firstset.AuditFilter{Entity: "user", Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var out []*firstset.AuditEntry
	for _, e := range entries {
		if e.Action == action {
			out = append(out, e)
		}
	}
	return out
}

// TestOverlongUsernameIsRefused: a name longer than any account's is
// refused naming the field, before it reaches the throttling table (whose
// index cannot hold it on PostgreSQL) or the audit log.
func TestOverlongUsernameIsRefused(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		before := len(loginAudit(t, env, "login_failed"))
		w := env.public().loginForm(strings.Repeat("a", 8000), "Wrong-guess#1")
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "用户名不能超过32个字符") {
			t.Errorf("an 8000-character username: %d", w.Code)
		}
		if n := len(loginAudit(t, env, "login_failed")); n != before {
			t.Errorf("it was recorded in the audit log")
		}
	})
}
