package web

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"firstset"
	"firstset/dbtest"
	"firstset/web/httpx"
)

func validProductInput(env *testEnv) firstset.ProductInput {
	return firstset.ProductInput{EnterpriseID: env.entA.ID, Name: "数控机床", Model: "VMC-850", CategoryID: env.catA.ID,
		InnovationLevel: firstset.LevelNational, Params: []firstset.Param{{Name: "主轴转速", Value: "12000", Unit: "r/min"}}}
}

// Control characters, bidirectional overrides and invalid UTF-8 are refused
// where they come in, naming the field and the character, the same on both
// databases (PostgreSQL answered NUL bytes with 500, SQLite stored them).
func TestControlCharactersAreRefusedOnEveryDatabase(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		api := env.token("admin", firstset.ScopeProductsRead, firstset.ScopeProductsWrite,
			firstset.ScopeEnterprisesRead, firstset.ScopeEnterprisesWrite, firstset.ScopeUsersAdmin, firstset.ScopeCatalogRead)
		before := env.productCount()

		product := func(change func(*firstset.ProductInput)) firstset.ProductInput {
			in := validProductInput(env)
			change(&in)
			return in
		}
		cases := []struct {
			name, path, field, mention string
			body                       any
		}{
			{"NUL in a product name", "/api/v1/products", "name", "U+0000",
				product(func(in *firstset.ProductInput) { in.Name = "数控\x00机床" })},
			{"NUL in a description", "/api/v1/products", "description", "U+0000",
				product(func(in *firstset.ProductInput) { in.Description = "说明\x00" })},
			{"NUL in a parameter value", "/api/v1/products", "params[0].value", "U+0000",
				product(func(in *firstset.ProductInput) { in.Params[0].Value = "12\x0000" })},
			{"right-to-left override in a parameter name", "/api/v1/products", "params[0].name", "U+202E",
				product(func(in *firstset.ProductInput) { in.Params[0].Name = "转速\u202Enim/r" })},
			{"tab in a one-line field", "/api/v1/products", "model", "U+0009",
				product(func(in *firstset.ProductInput) { in.Model = "VMC\t850" })},
			{"newline in a one-line field", "/api/v1/products", "name", "U+000A",
				product(func(in *firstset.ProductInput) { in.Name = "数控\n机床" })},
			{"escape in a patent", "/api/v1/products", "patents[0]", "U+001B",
				product(func(in *firstset.ProductInput) { in.Patents = []string{"ZL2020\x1b10000000.1"} })},
			{"NUL in a category name", "/api/v1/categories", "name", "U+0000", httpx.CategoryInput{Name: "类别\x00"}},
			{"NUL in an enterprise name", "/api/v1/enterprises", "name", "U+0000",
				firstset.EnterpriseInput{Name: "重庆\x00公司", CreditCode: env.entA.CreditCode, DistrictCode: "500107",
					Address: "地址", ContactName: "联系人", ContactPhone: "023-61234567"}},
			{"C1 control in an address", "/api/v1/enterprises", "address", "U+0085",
				firstset.EnterpriseInput{Name: "重庆丙公司", CreditCode: env.entA.CreditCode, DistrictCode: "500107",
					Address: "某路\u00851号", ContactName: "联系人", ContactPhone: "023-61234567"}},
			{"NUL in a user's name", "/api/v1/users", "name", "U+0000",
				firstset.UserInput{Username: "nul-user", Name: "张\x00三", Role: firstset.RoleBuyer, Password: testPassword}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				e := assertAPIError(t, api.sendJSON(http.MethodPost, c.path, c.body, nil), http.StatusUnprocessableEntity, firstset.EINVALID)
				if e.Field != c.field || detailCode(e) != "invalid_text" || !strings.Contains(e.Message, c.mention) {
					t.Errorf("error = %+v; want field %q, code invalid_text, a message naming %s", e, c.field, c.mention)
				}
			})
		}
		if n := env.productCount(); n != before {
			t.Errorf("%d products stored by refused requests", n-before)
		}

		// An edit with such text changes nothing.
		edit := validProductInput(env)
		edit.Name = "改名\x00"
		e := assertAPIError(t, api.sendJSON(http.MethodPut, idPath("/api/v1/products/{id}", env.draftA.ID), edit, nil),
			http.StatusUnprocessableEntity, firstset.EINVALID)
		if e.Field != "name" || detailCode(e) != "invalid_text" {
			t.Errorf("edit with a NUL: %+v", e)
		}
		var kept firstset.Product
		decode(t, api.get(idPath("/api/v1/products/{id}", env.draftA.ID)), &kept)
		if kept.Name != env.draftA.Name || kept.UpdatedAt != env.draftA.UpdatedAt {
			t.Errorf("the refused edit changed the product: %q, updated %v", kept.Name, kept.UpdatedAt)
		}

		// Multi-line fields keep their tabs and line breaks.
		in := validProductInput(env)
		in.Description = "第一行\n\t第二行"
		w := api.sendJSON(http.MethodPost, "/api/v1/products", in, nil)
		if w.Code != http.StatusCreated {
			t.Fatalf("a description with a tab and a newline: %d %s", w.Code, w.Body.String())
		}
		var created firstset.Product
		decode(t, w, &created)
		if created.Description != in.Description {
			t.Errorf("description stored as %q", created.Description)
		}

		// Search words are text too, on every listing.
		for _, target := range []string{"/api/v1/catalog", "/api/v1/products", "/api/v1/enterprises", "/api/v1/users"} {
			for _, q := range []string{"%00", "%E2%80%AE", "a%1Fb"} {
				e := assertAPIError(t, api.get(target+"?q="+q), http.StatusBadRequest, firstset.EBADREQUEST)
				if e.Field != "q" || detailCode(e) != "invalid_text" {
					t.Errorf("%s?q=%s: %+v", target, q, e)
				}
			}
		}
		admin := env.login("admin")
		for _, target := range []string{"/catalog", "/products", "/enterprises", "/admin/users"} {
			w := admin.get(target + "?q=%00")
			if w.Code != http.StatusBadRequest || !strings.Contains(html.UnescapeString(w.Body.String()), "U+0000") {
				t.Errorf("page %s?q=%%00: %d, want 400 naming U+0000", target, w.Code)
			}
		}

		// The product form shows the problem beside the field and keeps the rest.
		form := url.Values{"name": {"数控\x00机床"}, "model": {"VMC-850"}, "category_id": {httpx.Itoa(env.catA.ID)},
			"enterprise_id": {httpx.Itoa(env.entA.ID)}, "innovation_level": {"national"},
			"param_name": {"主轴转速"}, "param_value": {"12000"}, "param_unit": {"r/min"}}
		w = admin.postForm("/products", form)
		if w.Code != http.StatusUnprocessableEntity {
			t.Fatalf("product form with a NUL: %d", w.Code)
		}
		if block := html.UnescapeString(fieldBlock(t, w.Body.String(), "name")); !strings.Contains(block, "U+0000") {
			t.Errorf("the name field does not show the problem: %s", block)
		}

		// A token's name too, wherever the rule is checked.
		e = assertAPIError(t, admin.sendJSON(http.MethodPost, "/api/v1/tokens",
			firstset.TokenInput{Name: "令牌\u202e", Scopes: []firstset.Scope{firstset.ScopeCatalogRead}}, nil),
			http.StatusUnprocessableEntity, firstset.EINVALID)
		if e.Field != "name" || detailCode(e) != "invalid_text" || !strings.Contains(e.Message, "U+202E") {
			t.Errorf("token name with an override: %+v", e)
		}

		// An anonymous login with a NUL in the name is a clear refusal, not
		// a failure of ours.
		w = env.public().postForm("/login", url.Values{"username": {"a\x00b"}, "password": {"x"}})
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "用户名") ||
			!strings.Contains(w.Body.String(), "空字符") {
			t.Errorf("login with a NUL in the username: %d, want 422 naming the username and the character: %s", w.Code, w.Body.String())
		}
		if n := env.productCount(); n != before+1 {
			t.Errorf("%d products stored, want the one accepted", n-before)
		}
	})
}

// Bytes that are not UTF-8 are refused wherever they come from: JSON
// bodies, forms and query strings.
func TestInvalidUTF8IsRefused(t *testing.T) {
	env := newTestEnv(t)
	api := env.token("admin", firstset.ScopeProductsRead, firstset.ScopeProductsWrite, firstset.ScopeCatalogRead)
	before := env.productCount()

	body := `{"enterprise_id":` + httpx.Itoa(env.entA.ID) + `,"name":"数控` + "\xff" + `机床","model":"M","category_id":` + httpx.Itoa(env.catA.ID) +
		`,"innovation_level":"national","params":[{"name":"转速","value":"1","unit":""}]}`
	e := assertAPIError(t, api.sendJSON(http.MethodPost, "/api/v1/products", body, nil), http.StatusBadRequest, firstset.EBADREQUEST)
	if e.Field != "name" || !strings.Contains(e.Message, "UTF-8") {
		t.Errorf("invalid UTF-8 in JSON: %+v", e)
	}
	e = assertAPIError(t, api.get("/api/v1/catalog?q=%FF"), http.StatusBadRequest, firstset.EBADREQUEST)
	if e.Field != "q" || !strings.Contains(e.Message, "UTF-8") {
		t.Errorf("invalid UTF-8 in a query: %+v", e)
	}
	// Any parameter, even one the endpoint does not read.
	for _, value := range []string{"%C3", "%00%80"} {
		e = assertAPIError(t, api.get("/api/v1/catalog?utm_source="+value), http.StatusBadRequest, firstset.EBADREQUEST)
		if e.Field != "utm_source" || !strings.Contains(e.Message, "UTF-8") {
			t.Errorf("invalid UTF-8 (%s) in an unread parameter: %+v", value, e)
		}
	}

	admin := env.login("admin")
	form := url.Values{"name": {"数控\xff机床"}, "model": {"VMC-850"}, "category_id": {httpx.Itoa(env.catA.ID)},
		"enterprise_id": {httpx.Itoa(env.entA.ID)}, "innovation_level": {"national"},
		"param_name": {"主轴转速"}, "param_value": {"12000"}, "param_unit": {"r/min"}}
	if w := admin.postForm("/products", form); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "UTF-8") {
		t.Errorf("form with invalid UTF-8: %d", w.Code)
	}
	if w := env.public().postForm("/login", url.Values{"username": {"a\xffb"}, "password": {"x"}}); w.Code < 400 || w.Code >= 500 {
		t.Errorf("login with invalid UTF-8: %d", w.Code)
	}
	if n := env.productCount(); n != before {
		t.Errorf("%d products stored", n-before)
	}
}
