package web

import (
	"net/http"
	"strings"
	"testing"

	"firstset"
	webapi "firstset/web/api"
	"firstset/web/httpx"
)

func TestIdempotentRetryStoresOnce(t *testing.T) {
	env := newTestEnv(t)
	api := env.token("ent-a", firstset.ScopeProductsRead, firstset.ScopeProductsWrite)
	input := firstset.ProductInput{Name: "重试装备", Model: "R-1", CategoryID: env.catA.ID, InnovationLevel: firstset.LevelNational,
		Params: []firstset.Param{{Name: "功率", Value: "9", Unit: "kW"}}}
	key := http.Header{"Idempotency-Key": {"order-42"}}

	first := api.sendJSON(http.MethodPost, "/api/v1/products", input, key)
	if first.Code != http.StatusCreated {
		t.Fatalf("first: %d %s", first.Code, first.Body.String())
	}
	retry := api.sendJSON(http.MethodPost, "/api/v1/products", input, key)
	if retry.Code != http.StatusCreated || retry.Body.String() != first.Body.String() {
		t.Errorf("retry: %d %s\nwant the first answer %s", retry.Code, retry.Body.String(), first.Body.String())
	}
	if retry.Header().Get("Idempotent-Replayed") != "true" {
		t.Errorf("the retry is not marked as replayed")
	}
	var list httpx.ListResponse[*firstset.Product]
	decode(t, api.get("/api/v1/products?q=重试装备"), &list)
	if list.Total != 1 {
		t.Errorf("%d products stored, want 1", list.Total)
	}

	changed := input
	changed.Model = "R-2"
	assertAPIError(t, api.sendJSON(http.MethodPost, "/api/v1/products", changed, key), http.StatusUnprocessableEntity, firstset.EIDEMPOTENCYMISMATCH)

	// Keys belong to their user: another enterprise's same key is its own.
	other := env.token("ent-b", firstset.ScopeProductsWrite)
	if w := other.sendJSON(http.MethodPost, "/api/v1/products", input, key); w.Code != http.StatusCreated || w.Header().Get("Idempotent-Replayed") != "" {
		t.Errorf("another user's same key: %d, replayed %q", w.Code, w.Header().Get("Idempotent-Replayed"))
	}

	// A refused request is not stored: corrected, it can go through.
	bad := input
	bad.Name = ""
	badKey := http.Header{"Idempotency-Key": {"order-43"}}
	assertAPIError(t, api.sendJSON(http.MethodPost, "/api/v1/products", bad, badKey), http.StatusUnprocessableEntity, firstset.EINVALID)
	good := input
	good.Name = "更正后的装备"
	if w := api.sendJSON(http.MethodPost, "/api/v1/products", good, badKey); w.Code != http.StatusCreated {
		t.Errorf("corrected request under the same key: %d %s", w.Code, w.Body.String())
	}
}

func TestAPIRefusesMalformedRequests(t *testing.T) {
	env := newTestEnv(t)
	api := env.token("admin", firstset.ScopeEnterprisesWrite, firstset.ScopeProductsWrite, firstset.ScopeProductsRead)

	body := assertAPIError(t, api.sendJSON(http.MethodPost, "/api/v1/products", `{"name": "x",`, nil), http.StatusBadRequest, firstset.EBADREQUEST)
	if !strings.Contains(body.Message, "JSON") {
		t.Errorf("malformed JSON message: %q", body.Message)
	}
	body = assertAPIError(t, api.sendJSON(http.MethodPost, "/api/v1/products", `{"name":"x","colour":"red"}`, nil), http.StatusBadRequest, firstset.EBADREQUEST)
	if body.Field != "colour" || !strings.Contains(body.Message, "colour") {
		t.Errorf("unknown field not named: %+v", body)
	}
	body = assertAPIError(t, api.sendJSON(http.MethodPost, "/api/v1/products", `{"category_id":"three"}`, nil), http.StatusBadRequest, firstset.EBADREQUEST)
	if body.Field != "category_id" {
		t.Errorf("wrong type not named: %+v", body)
	}
	w := api.request(http.MethodPost, "/api/v1/products", strings.NewReader(`{"name":"x"}`), http.Header{"Content-Type": {"text/plain"}})
	assertAPIError(t, w, http.StatusUnsupportedMediaType, firstset.EUNSUPPORTED)
	huge := `{"description":"` + strings.Repeat("长", 40<<10) + `"}`
	assertAPIError(t, api.sendJSON(http.MethodPost, "/api/v1/products", huge, nil), http.StatusRequestEntityTooLarge, firstset.ETOOLARGE)

	// Validation failures list every field.
	body = assertAPIError(t, api.sendJSON(http.MethodPost, "/api/v1/enterprises", firstset.EnterpriseInput{}, nil), http.StatusUnprocessableEntity, firstset.EINVALID)
	if body.Field == "" || len(body.Details) < 2 {
		t.Errorf("validation error without field details: %+v", body)
	}
	assertAPIError(t, api.get("/api/v1/products/abc"), http.StatusNotFound, firstset.ENOTFOUND)
	assertAPIError(t, api.get("/api/v1/nothing-here"), http.StatusNotFound, firstset.ENOTFOUND)
}

func TestTokenScopesAreEnforced(t *testing.T) {
	env := newTestEnv(t)
	readOnly := env.token("ent-a", firstset.ScopeProductsRead)
	if w := readOnly.get("/api/v1/products"); w.Code != http.StatusOK {
		t.Errorf("read with products:read: %d", w.Code)
	}
	input := firstset.ProductInput{Name: "x", Model: "x", CategoryID: env.catA.ID, InnovationLevel: firstset.LevelNational}
	assertAPIError(t, readOnly.sendJSON(http.MethodPost, "/api/v1/products", input, nil), http.StatusForbidden, firstset.EFORBIDDEN)
	// A token cannot mint tokens.
	assertAPIError(t, readOnly.sendJSON(http.MethodPost, "/api/v1/tokens", firstset.TokenInput{Name: "x", Scopes: []firstset.Scope{firstset.ScopeProductsRead}}, nil),
		http.StatusForbidden, firstset.EFORBIDDEN)

	var me webapi.MeResponse
	decode(t, readOnly.get("/api/v1/me"), &me)
	if me.User == nil || me.User.Username != "ent-a" || me.Token == nil || strings.Contains(readOnly.get("/api/v1/me").Body.String(), "password") {
		t.Errorf("me = %+v", me)
	}
}
