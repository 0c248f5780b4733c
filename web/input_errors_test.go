package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"firstset"
	"firstset/dbtest"
	"firstset/web/httpx"
)

// apiRoute is one API operation and what it takes.
type apiRoute struct {
	method, path string
	body         bool // reads a JSON body
	list         bool // reads page and per_page
	public       bool // answers the public
}

var apiRoutes = []apiRoute{
	{http.MethodGet, "/api/v1/me", false, false, false},
	{http.MethodGet, "/api/v1/categories", false, false, true},
	{http.MethodPost, "/api/v1/categories", true, false, false},
	{http.MethodGet, "/api/v1/catalog", false, true, true},
	{http.MethodGet, "/api/v1/catalog/export", false, false, true},
	{http.MethodGet, "/api/v1/enterprises", false, true, false},
	{http.MethodGet, "/api/v1/enterprises/{id}", false, false, false},
	{http.MethodPost, "/api/v1/enterprises", true, false, false},
	{http.MethodPut, "/api/v1/enterprises/{id}", true, false, false},
	{http.MethodGet, "/api/v1/products", false, true, false},
	{http.MethodGet, "/api/v1/products/{id}", false, false, true},
	{http.MethodPost, "/api/v1/products", true, false, false},
	{http.MethodPut, "/api/v1/products/{id}", true, false, false},
	{http.MethodDelete, "/api/v1/products/{id}", false, false, false},
	{http.MethodPut, "/api/v1/products/{id}/recognition", true, false, false},
	{http.MethodGet, "/api/v1/users", false, true, false},
	{http.MethodGet, "/api/v1/users/{id}", false, false, false},
	{http.MethodPost, "/api/v1/users", true, false, false},
	{http.MethodPut, "/api/v1/users/{id}", true, false, false},
	{http.MethodGet, "/api/v1/tokens", false, false, false},
	{http.MethodPost, "/api/v1/tokens", true, false, false},
	{http.MethodDelete, "/api/v1/tokens/{id}", false, false, false},
	{http.MethodPost, "/api/v1/tender/check", true, false, false},
	{http.MethodPost, "/api/v1/calc/premium-subsidy", true, false, true},
	{http.MethodPost, "/api/v1/calc/first-purchase-reward", true, false, true},
	{http.MethodPost, "/api/v1/calc/allocate", true, false, true},
}

// errorCodes are the stable codes an error answer may carry.
var errorCodes = []string{firstset.EINVALID, firstset.ENOTFOUND, firstset.ECONFLICT, firstset.EUNAUTHORIZED,
	firstset.EFORBIDDEN, firstset.ERATELIMITED, firstset.EINTERNAL, firstset.EBADREQUEST, firstset.ETOOLARGE,
	firstset.EUNSUPPORTED, firstset.EIDEMPOTENCYMISMATCH}

// Every error answer of every API route has a stable code and a Chinese
// message without Go's words, and names the field, parameter or header
// it is about.
func TestEveryAPIErrorNamesItsProblem(t *testing.T) {
	env := newTestEnv(t)
	api := env.token("admin", firstset.ScopeCatalogRead, firstset.ScopeProductsRead, firstset.ScopeProductsWrite,
		firstset.ScopeEnterprisesRead, firstset.ScopeEnterprisesWrite, firstset.ScopeUsersAdmin)
	for _, rt := range apiRoutes {
		path := strings.Replace(rt.path, "{id}", httpx.Itoa(env.draftA.ID), 1)
		t.Run(rt.method+" "+rt.path, func(t *testing.T) {
			type attempt struct {
				what           string
				send           func() httpx.APIErrorBody
				status         int
				field, mention string
			}
			var attempts []attempt
			expect := func(what string, status int, field, mention string, send func() httpx.APIErrorBody) {
				attempts = append(attempts, attempt{what, send, status, field, mention})
			}
			if rt.body {
				expect("a form body", http.StatusUnsupportedMediaType, "Content-Type", "application/json", func() httpx.APIErrorBody {
					w := api.request(rt.method, path, strings.NewReader("name=x"), http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
					return assertAPIError(t, w, http.StatusUnsupportedMediaType, firstset.EUNSUPPORTED)
				})
				expect("no content type", http.StatusUnsupportedMediaType, "Content-Type", "Content-Type", func() httpx.APIErrorBody {
					w := api.request(rt.method, path, strings.NewReader(`{}`), nil)
					return assertAPIError(t, w, http.StatusUnsupportedMediaType, firstset.EUNSUPPORTED)
				})
				if !strings.Contains(rt.path, "/calc/") { // the calculator reads its cases itself
					expect("an unknown field", http.StatusBadRequest, "colour", "colour", func() httpx.APIErrorBody {
						return assertAPIError(t, api.sendJSON(rt.method, path, `{"colour":"red"}`, nil), http.StatusBadRequest, firstset.EBADREQUEST)
					})
					expect("broken JSON", http.StatusBadRequest, "", "JSON", func() httpx.APIErrorBody {
						return assertAPIError(t, api.sendJSON(rt.method, path, `{,}`, nil), http.StatusBadRequest, firstset.EBADREQUEST)
					})
				}
			}
			if rt.list {
				expect("a malformed page", http.StatusBadRequest, "page", "page", func() httpx.APIErrorBody {
					return assertAPIError(t, api.get(path+"?page=x"), http.StatusBadRequest, firstset.EBADREQUEST)
				})
			}
			if rt.method == http.MethodGet {
				expect("invalid UTF-8 in the query", http.StatusBadRequest, "x", "UTF-8", func() httpx.APIErrorBody {
					return assertAPIError(t, api.get(path+"?x=%FF"), http.StatusBadRequest, firstset.EBADREQUEST)
				})
				expect("a malformed query", http.StatusBadRequest, "", "查询", func() httpx.APIErrorBody {
					return assertAPIError(t, api.get(path+"?x=%zz"), http.StatusBadRequest, firstset.EBADREQUEST)
				})
			}
			if strings.Contains(rt.path, "{id}") {
				expect("a malformed id", http.StatusNotFound, "", "不存在", func() httpx.APIErrorBody {
					w := api.sendJSON(rt.method, strings.Replace(rt.path, "{id}", "abc", 1), `{}`, nil)
					return assertAPIError(t, w, http.StatusNotFound, firstset.ENOTFOUND)
				})
			}
			if !rt.public {
				expect("no credentials", http.StatusUnauthorized, "", "登录", func() httpx.APIErrorBody {
					return assertAPIError(t, env.public().sendJSON(rt.method, path, `{}`, nil), http.StatusUnauthorized, firstset.EUNAUTHORIZED)
				})
			}
			for _, a := range attempts {
				e := a.send()
				if !slices.Contains(errorCodes, e.Code) {
					t.Errorf("%s: code %q is not a stable code", a.what, e.Code)
				}
				if e.Field != a.field {
					t.Errorf("%s: field %q, want %q (%s)", a.what, e.Field, a.field, e.Message)
				}
				if !strings.Contains(e.Message, a.mention) {
					t.Errorf("%s: message %q does not mention %q", a.what, e.Message, a.mention)
				}
				assertNoGoText(t, e.Message)
			}
		})
	}

	// Headers are named too.
	for _, bearer := range []string{"Bearer fst_nope", "Bearer nope"} {
		r := httptest.NewRequest(http.MethodGet, "/api/v1/me", nil)
		r.Header.Set("Authorization", bearer)
		w := httptest.NewRecorder()
		env.srv.Handler().ServeHTTP(w, r)
		if e := assertAPIError(t, w, http.StatusUnauthorized, firstset.EUNAUTHORIZED); e.Field != "Authorization" {
			t.Errorf("a bad bearer token %q: %+v", bearer, e)
		}
	}
	e := assertAPIError(t, api.sendJSON(http.MethodPost, "/api/v1/categories", httpx.CategoryInput{Name: "幂等"},
		http.Header{"Idempotency-Key": {strings.Repeat("k", 201)}}), http.StatusUnprocessableEntity, firstset.EINVALID)
	if e.Field != "Idempotency-Key" {
		t.Errorf("a long Idempotency-Key: %+v", e)
	}
	e = assertAPIError(t, api.request(http.MethodPost, "/api/v1/categories", strings.NewReader(`{"name":"媒体类型"}`),
		http.Header{"Content-Type": {"application/json; charset=gbk"}}), http.StatusUnsupportedMediaType, firstset.EUNSUPPORTED)
	if e.Field != "Content-Type" || !strings.Contains(e.Message, "UTF-8") {
		t.Errorf("a JSON body in another charset: %+v", e)
	}
	e = assertAPIError(t, api.request(http.MethodPatch, "/api/v1/products", nil, nil), http.StatusNotFound, firstset.ENOTFOUND)
	assertNoGoText(t, e.Message)
}

// An enterprise or category that does not exist is the store's to refuse,
// as it writes: on the API with the field, code and message in details,
// on the page beside the input. It is found once the rest of the input is
// valid, so an input with other problems lists those alone.
func TestUnknownEnterpriseAndCategoryAreNamed(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		api := env.token("admin", firstset.ScopeProductsRead, firstset.ScopeProductsWrite)
		valid := firstset.ProductInput{EnterpriseID: env.entA.ID, Name: "无主装备", Model: "X-1", CategoryID: env.catA.ID,
			InnovationLevel: firstset.LevelNational, Params: []firstset.Param{{Name: "功率", Value: "9", Unit: "kW"}}}
		const absent = 999999
		unknown := map[string]firstset.FieldError{
			"enterprise_id": {Field: "enterprise_id", Code: "unknown_enterprise", Message: "研制企业不存在。"},
			"category_id":   {Field: "category_id", Code: "unknown_category", Message: "装备类别不存在。"},
		}
		for field, want := range unknown {
			in := valid
			if field == "enterprise_id" {
				in.EnterpriseID = absent
			} else {
				in.CategoryID = absent
			}
			for _, w := range []*httptest.ResponseRecorder{
				api.sendJSON(http.MethodPost, "/api/v1/products", in, nil),
				api.sendJSON(http.MethodPut, "/api/v1/products/"+httpx.Itoa(env.draftA.ID), in, nil),
			} {
				e := assertAPIError(t, w, http.StatusUnprocessableEntity, firstset.EINVALID)
				if e.Field != want.Field || e.Message != want.Message || !slices.Equal(e.Details, []firstset.FieldError{want}) {
					t.Errorf("%s: got %+v, want %+v", field, e, want)
				}
			}

			form := url.Values{"enterprise_id": {httpx.Itoa(in.EnterpriseID)}, "name": {in.Name}, "model": {in.Model},
				"category_id": {httpx.Itoa(in.CategoryID)}, "innovation_level": {string(in.InnovationLevel)},
				"param_name": {"功率"}, "param_value": {"9"}, "param_unit": {"kW"}}
			w := env.login("admin").postForm("/products", form)
			if w.Code != http.StatusUnprocessableEntity || !fieldHasError(w.Body.String(), field, want.Message) {
				t.Errorf("%s on the page: %d\n%s", field, w.Code, w.Body.String())
			}
		}

		in := valid
		in.EnterpriseID, in.Name = absent, ""
		e := assertAPIError(t, api.sendJSON(http.MethodPost, "/api/v1/products", in, nil), http.StatusUnprocessableEntity, firstset.EINVALID)
		if e.Field != "name" || len(e.Details) != 1 || e.Details[0].Field != "name" {
			t.Errorf("unknown enterprise and no name: got %+v, want the name alone", e)
		}
	})
}
