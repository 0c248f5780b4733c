package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"firstset"
	"firstset/web/httpx"
)

// detailCode is the per-field code of an error answer's first detail.
func detailCode(e httpx.APIErrorBody) string {
	if len(e.Details) == 0 {
		return ""
	}
	return e.Details[0].Code
}

// productCount is how many products the store holds, whoever made them.
func (env *testEnv) productCount() int {
	env.t.Helper()
	ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	_, total, err := env.svc.FindProducts(ctx, firstset.ProductFilter{})
	if err != nil {
		env.t.Fatal(err)
	}
	return total
}

// Every API body is read strictly: one spelling per key, each key once,
// nothing unknown, UTF-8 only, with the JSON path of the problem in field
// and a Chinese message.
func TestAPIBodiesAreDecodedStrictly(t *testing.T) {
	env := newTestEnv(t)
	api := env.token("admin", firstset.ScopeProductsRead, firstset.ScopeProductsWrite, firstset.ScopeEnterprisesWrite, firstset.ScopeUsersAdmin)
	session := env.login("admin")
	before := env.productCount()
	product := func(fields string) string {
		if !strings.Contains(fields, "category_id") {
			fields += `,"category_id":` + httpx.Itoa(env.catA.ID)
		}
		return `{"enterprise_id":` + httpx.Itoa(env.entA.ID) + `,"model":"M","innovation_level":"national",` + fields + `}`
	}
	params := `"params":[{"name":"转速","value":"1","unit":""}]`
	cases := []struct {
		name, method, path, body string
		client                   *client
		field, mention           string
	}{
		{"duplicate key", http.MethodPost, "/api/v1/products", product(`"name":"甲","name":"乙",` + params), api, "name", "重复"},
		{"duplicate key in a nested object", http.MethodPost, "/api/v1/products",
			product(`"name":"甲","params":[{"name":"转速","value":"1","value":"2"}]`), api, "params[0].value", "重复"},
		{"key in another case", http.MethodPost, "/api/v1/products", product(`"Name":"甲",` + params), api, "Name", "未知字段"},
		{"unknown key in a nested object", http.MethodPost, "/api/v1/products",
			product(`"name":"甲","params":[{"name":"转速","value":"1"},{"name":"功率","value":"2","colour":"red"}]`), api,
			"params[1].colour", "未知字段"},
		{"wrong type deep down", http.MethodPost, "/api/v1/products",
			product(`"name":"甲","params":[{"name":"转速","value":"1"},{"name":"功率","value":2}]`), api, "params[1].value", "文本"},
		{"a date that is not one", http.MethodPut, idPath("/api/v1/products/{id}/recognition", env.draftA.ID),
			`{"status":"recognised","recognized_on":"2025-02-30"}`, api, "recognized_on", "不是有效日期"},
		{"a time that is not one", http.MethodPost, "/api/v1/tokens",
			`{"name":"令牌","scopes":["catalog:read"],"expires_at":"2026-12-31"}`, session, "expires_at", "不是有效的时间"},
		{"an array instead of an object", http.MethodPost, "/api/v1/enterprises", `[]`, api, "", "JSON 对象"},
		{"null instead of an object", http.MethodPost, "/api/v1/users", `null`, api, "", "JSON 对象"},
		{"two objects", http.MethodPost, "/api/v1/categories", `{"name":"甲"}{"name":"乙"}`, api, "", "多余"},
		{"broken syntax", http.MethodPost, "/api/v1/categories", `{"name" "甲"}`, api, "name", "第 1 行第 9 列"},
		{"broken syntax outside any field", http.MethodPost, "/api/v1/categories", `{"name":"甲",}`, api, "", "第 1 行第 12 列"},
		{"a number too large", http.MethodPost, "/api/v1/categories", `{"name":"甲","sort":99999999999999999999}`, api, "sort", "sort"},
		{"a fraction for an integer", http.MethodPost, "/api/v1/products", product(`"name":"甲","category_id":1.5,` + params), api, "category_id", "整数"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := assertAPIError(t, c.client.sendJSON(c.method, c.path, c.body, nil), http.StatusBadRequest, firstset.EBADREQUEST)
			if e.Field != c.field || !strings.Contains(e.Message, c.mention) {
				t.Errorf("error = %+v; want field %q and a message mentioning %q", e, c.field, c.mention)
			}
			assertNoGoText(t, e.Message)
		})
	}
	if n := env.productCount(); n != before {
		t.Errorf("%d products stored by refused bodies", n-before)
	}
}

// assertNoGoText fails when a message carries Go's own words rather than
// a Chinese explanation.
func assertNoGoText(t *testing.T, msg string) {
	t.Helper()
	if !hasHan(msg) {
		t.Errorf("message %q has no Chinese", msg)
	}
	for _, goWords := range []string{"json:", "jsontext", "parsing time", "2006-01-02T15:04:05Z07:00", "cannot unmarshal",
		"invalid character", "unexpected end", "strconv", "Go value", "of type "} {
		if strings.Contains(msg, goWords) {
			t.Errorf("message %q carries Go's words %q", msg, goWords)
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}
