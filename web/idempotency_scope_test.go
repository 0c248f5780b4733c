package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"firstset"
	"firstset/dbtest"
	webapi "firstset/web/api"
	"firstset/web/httpx"
)

// TestIdempotencyKeysBelongToTheirCredential: a key belongs to the
// credential that sent it, so a narrow token of the same user cannot get,
// by replay, the answer to a request it would be refused; and a new
// token's secret, shown once, is never kept for replay: a retry is told
// what was created instead.
func TestIdempotencyKeysBelongToTheirCredential(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		session := env.login("admin")
		narrow := env.token("admin", firstset.ScopeCatalogRead)
		in := firstset.TokenInput{Name: "集成", Scopes: []firstset.Scope{firstset.ScopeUsersAdmin}}
		key := http.Header{"Idempotency-Key": {"create-token-1"}}
		w := session.sendJSON(http.MethodPost, "/api/v1/tokens", in, key)
		if w.Code != http.StatusCreated {
			t.Fatalf("create a token: %d %s", w.Code, w.Body.String())
		}
		var created webapi.TokenCreated
		decode(t, w, &created)

		r := narrow.sendJSON(http.MethodPost, "/api/v1/tokens", in, key)
		if r.Code != http.StatusForbidden || strings.Contains(r.Body.String(), created.Secret) {
			t.Errorf("a catalog:read token sending the same key: %d, want the 403 it gets without it", r.Code)
		}

		e := assertAPIError(t, session.sendJSON(http.MethodPost, "/api/v1/tokens", in, key),
			http.StatusConflict, firstset.EIDEMPOTENCYWITHHELD)
		if strings.Contains(e.Message, created.Secret) || !strings.Contains(e.Message, "访问令牌（编号 "+httpx.Itoa(created.Token.ID)+"）") {
			t.Errorf("the retry of a token creation: %+v", e)
		}
		tokens, err := env.svc.FindTokens(env.asUser("admin"))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, tk := range tokens {
			if tk.Name == in.Name {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d tokens named %s, want the one", n, in.Name)
		}
		err = store.View(context.Background(), func(tx firstset.Tx) error {
			stored, err := tx.IdempotentResponse(context.Background(), httpx.Itoa(env.userID("admin"))+":s:create-token-1")
			if err != nil {
				return err
			}
			if !stored.Withheld() || strings.Contains(string(stored.Body), created.Secret) {
				t.Errorf("the token's answer is kept under the key: %s %q", stored.State, stored.Body)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// TestIdempotencyKeyIsText: a key with bytes that are not UTF-8 or with
// control characters is refused naming the header, on every database.
func TestIdempotencyKeyIsText(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		api := env.token("ent-a", firstset.ScopeProductsRead, firstset.ScopeProductsWrite)
		input := firstset.ProductInput{Name: "键编码装备", Model: "K-1", CategoryID: env.catA.ID,
			InnovationLevel: firstset.LevelNational, Params: []firstset.Param{{Name: "功率", Value: "9", Unit: "kW"}}}
		before := env.productCount()
		for _, key := range []string{"k\xff\xfe", "k\x00"} {
			e := assertAPIError(t, api.sendJSON(http.MethodPost, "/api/v1/products", input, http.Header{"Idempotency-Key": {key}}),
				http.StatusUnprocessableEntity, firstset.EINVALID)
			if e.Field != "Idempotency-Key" {
				t.Errorf("key %q: %+v", key, e)
			}
		}
		if env.productCount() != before {
			t.Errorf("a refused key stored a product")
		}
	})
}

// TestTokenExpiryIsBounded: a token's expiry is at most five years away;
// a date past the year 9999 in UTC was a failure of ours (the audit entry
// could not be written).
func TestTokenExpiryIsBounded(t *testing.T) {
	env := newTestEnv(t)
	admin := env.login("admin")
	for _, at := range []string{"9999-12-31T23:00:00-02:00", "2099-01-01T00:00:00+08:00"} {
		body := strings.NewReader(`{"name":"t","scopes":["catalog:read"],"expires_at":"` + at + `"}`)
		w := admin.request(http.MethodPost, "/api/v1/tokens", body, http.Header{"Content-Type": {"application/json"}, "X-CSRF-Token": {admin.csrf}})
		e := assertAPIError(t, w, http.StatusUnprocessableEntity, firstset.EINVALID)
		if e.Field != "expires_at" || detailCode(e) != "too_late" {
			t.Errorf("expires_at %s: %+v", at, e)
		}
	}
}
