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

func TestEnterpriseCannotReachAnotherEnterprisesProducts(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		a := env.login("ent-a")
		api := env.token("ent-a", firstset.ScopeProductsRead, firstset.ScopeProductsWrite)
		input := firstset.ProductInput{Name: "改名", Model: "X", CategoryID: env.catA.ID, InnovationLevel: firstset.LevelNational,
			Params: []firstset.Param{{Name: "功率", Value: "1", Unit: "kW"}}}

		for _, other := range []*firstset.Product{env.draftB, env.recB} {
			// Pages: reads and writes alike answer 404, as for a product that
			// does not exist, so nothing confirms the other's products.
			if other.Status != firstset.StatusRecognised {
				if w := a.get(idPath("/products/{id}", other.ID)); w.Code != http.StatusNotFound {
					t.Errorf("page read of %s: %d", other.Name, w.Code)
				}
			}
			for _, target := range []string{"/products/{id}/edit", "/products/{id}/delete"} {
				if other.Status == firstset.StatusRecognised {
					break // a recognised product is public; its edit page still checks below on write
				}
				if w := a.get(idPath(target, other.ID)); w.Code != http.StatusNotFound {
					t.Errorf("GET %s of %s: %d", target, other.Name, w.Code)
				}
			}
			form := url.Values{"name": {"改名"}, "model": {"X"}, "category_id": {httpx.Itoa(env.catA.ID)},
				"innovation_level": {"national"}, "param_name": {"功率"}, "param_value": {"1"}, "param_unit": {"kW"}}
			if w := a.postForm(idPath("/products/{id}", other.ID), form); w.Code != http.StatusNotFound {
				t.Errorf("form update of %s: %d", other.Name, w.Code)
			}
			if w := a.postForm(idPath("/products/{id}/delete", other.ID), url.Values{}); w.Code != http.StatusNotFound {
				t.Errorf("form delete of %s: %d", other.Name, w.Code)
			}

			// API.
			if other.Status != firstset.StatusRecognised {
				assertAPIError(t, api.get(idPath("/api/v1/products/{id}", other.ID)), http.StatusNotFound, firstset.ENOTFOUND)
			}
			assertAPIError(t, api.sendJSON(http.MethodPut, idPath("/api/v1/products/{id}", other.ID), input, nil), http.StatusNotFound, firstset.ENOTFOUND)
			assertAPIError(t, api.request(http.MethodDelete, idPath("/api/v1/products/{id}", other.ID), nil, nil), http.StatusNotFound, firstset.ENOTFOUND)
		}

		// The listing holds only the caller's own products, whatever it asks for.
		var list httpx.ListResponse[*firstset.Product]
		decode(t, api.get("/api/v1/products?enterprise_id="+httpx.Itoa(env.entB.ID)), &list)
		for _, p := range list.Items {
			if p.EnterpriseID != env.entA.ID {
				t.Errorf("listing shows %s of enterprise %d", p.Name, p.EnterpriseID)
			}
		}
		if page := a.get("/products").Body.String(); strings.Contains(page, env.draftB.Name) || !strings.Contains(page, env.draftA.Name) {
			t.Errorf("product page shows another's products or misses its own")
		}

		// Nothing was changed.
		ctx := firstset.NewContextWithActor(t.Context(), firstset.SystemActor())
		for _, p := range []*firstset.Product{env.draftB, env.recB} {
			got, err := env.svc.FindProductByID(ctx, p.ID)
			if err != nil || got.Name != p.Name {
				t.Errorf("%s after the attempts: %v, %+v", p.Name, err, got)
			}
		}
	})
}

func TestPublicSeesOnlyRecognisedProducts(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		pub := env.public()

		var catalog httpx.ListResponse[firstset.CatalogItem]
		w := pub.get("/api/v1/catalog?status=draft")
		decode(t, w, &catalog)
		if catalog.Total != 2 || len(catalog.Items) != 2 {
			t.Fatalf("public catalog: total %d, %d items; want the 2 recognised", catalog.Total, len(catalog.Items))
		}
		for _, it := range catalog.Items {
			if it.Status != firstset.StatusRecognised {
				t.Errorf("public catalog lists %s (%s)", it.Name, it.Status)
			}
		}
		page := pub.get("/catalog?status=draft").Body.String()
		if strings.Contains(page, env.draftA.Name) || !strings.Contains(page, env.recA.Name) || !strings.Contains(page, "共 2 条") {
			t.Errorf("catalog page shows drafts or misses recognised products")
		}
		if strings.Contains(page, `name="status"`) {
			t.Errorf("the public is offered a status filter")
		}

		if w := pub.get(idPath("/products/{id}", env.recA.ID)); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), env.recA.Name) {
			t.Errorf("public product page of a recognised product: %d", w.Code)
		}
		w = pub.get(idPath("/products/{id}", env.draftA.ID))
		if w.Code != http.StatusNotFound || !strings.Contains(w.Body.String(), "页面不存在") || strings.Contains(w.Body.String(), env.draftA.Name) {
			t.Errorf("public product page of a draft: %d", w.Code)
		}
		assertAPIError(t, pub.get(idPath("/api/v1/products/{id}", env.draftA.ID)), http.StatusNotFound, firstset.ENOTFOUND)
		if w := pub.get("/products/999999"); w.Code != http.StatusNotFound {
			t.Errorf("missing product: %d", w.Code)
		}

		// Staff may filter the catalog by status.
		decode(t, env.login("reviewer").get("/api/v1/catalog?status=draft"), &catalog)
		if catalog.Total != 2 || catalog.Items[0].Status != firstset.StatusDraft {
			t.Errorf("staff catalog filtered to drafts: %+v", catalog)
		}
	})
}

func TestOnlyAdminsManageUsers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		newUser := firstset.UserInput{Username: "newbie", Name: "新用户", Role: firstset.RoleBuyer, Password: testPassword}

		pub := env.public()
		assertAPIError(t, pub.get("/api/v1/users"), http.StatusUnauthorized, firstset.EUNAUTHORIZED)
		assertAPIError(t, pub.sendJSON(http.MethodPost, "/api/v1/users", newUser, nil), http.StatusUnauthorized, firstset.EUNAUTHORIZED)
		if w := pub.get("/admin/users"); w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login?next=") {
			t.Errorf("public user page: %d → %q", w.Code, w.Header().Get("Location"))
		}

		for _, name := range []string{"ent-a", "reviewer"} {
			c := env.login(name)
			assertAPIError(t, c.get("/api/v1/users"), http.StatusForbidden, firstset.EFORBIDDEN)
			assertAPIError(t, c.sendJSON(http.MethodPost, "/api/v1/users", newUser, nil), http.StatusForbidden, firstset.EFORBIDDEN)
			for _, page := range []string{"/admin/users", "/admin/users/new", "/admin/audit"} {
				if w := c.get(page); w.Code != http.StatusForbidden {
					t.Errorf("%s GET %s: %d", name, page, w.Code)
				}
			}
			form := url.Values{"username": {"x" + name}, "name": {"x"}, "role": {"admin"}, "password": {testPassword}}
			if w := c.postForm("/admin/users", form); w.Code != http.StatusForbidden {
				t.Errorf("%s POST /admin/users: %d", name, w.Code)
			}
		}

		admin := env.login("admin")
		w := admin.postForm("/admin/users", url.Values{"username": {"newbie"}, "name": {"新用户"}, "role": {"buyer"},
			"buyer_id": {httpx.Itoa(env.buyerOrg.ID)}, "password": {testPassword}})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("admin creates a user: %d %s", w.Code, w.Body.String())
		}
		if page := admin.get("/admin/users").Body.String(); !strings.Contains(page, "newbie") {
			t.Errorf("the new user is not listed")
		}
	})
}

func TestCSRFProtection(t *testing.T) {
	env := newTestEnv(t)
	a := env.login("ent-a")
	form := func() url.Values {
		return url.Values{"name": {"新装备"}, "model": {"N-1"}, "category_id": {httpx.Itoa(env.catA.ID)},
			"innovation_level": {"national"}, "param_name": {"功率"}, "param_value": {"5"}, "param_unit": {"kW"}}
	}
	countProducts := func() int {
		ctx := firstset.NewContextWithActor(t.Context(), firstset.SystemActor())
		_, n, err := env.svc.FindProducts(ctx, firstset.ProductFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := countProducts()

	noToken := &client{env: env, cookie: a.cookie}
	if w := noToken.postForm("/products", form()); w.Code != http.StatusForbidden {
		t.Errorf("cookie POST without the form token: %d", w.Code)
	}
	wrong := form()
	wrong.Set(httpx.CSRFField, "forged")
	if w := noToken.postForm("/products", wrong); w.Code != http.StatusForbidden {
		t.Errorf("cookie POST with a wrong token: %d", w.Code)
	}
	foreign := form()
	foreign.Set(httpx.CSRFField, a.csrf)
	w := a.request(http.MethodPost, "/products", strings.NewReader(foreign.Encode()), http.Header{
		"Content-Type": {"application/x-www-form-urlencoded"}, "Origin": {"https://evil.example"}, "Sec-Fetch-Site": {"cross-site"}})
	if w.Code != http.StatusForbidden {
		t.Errorf("cookie POST from a foreign origin, even with the token: %d", w.Code)
	}
	// Scripts using the session must send the token too.
	input := firstset.ProductInput{Name: "脚本装备", Model: "S", CategoryID: env.catA.ID, InnovationLevel: firstset.LevelNational,
		Params: []firstset.Param{{Name: "功率", Value: "1", Unit: "kW"}}}
	assertAPIError(t, noToken.sendJSON(http.MethodPost, "/api/v1/products", input, nil), http.StatusForbidden, firstset.EFORBIDDEN)
	if n := countProducts(); n != before {
		t.Fatalf("refused requests created %d products", n-before)
	}

	if w := a.postForm("/products", form()); w.Code != http.StatusSeeOther {
		t.Errorf("cookie POST with the token: %d %s", w.Code, w.Body.String())
	}
	// A bearer token carries no ambient credential: no form token needed.
	api := env.token("ent-a", firstset.ScopeProductsWrite)
	if w := api.sendJSON(http.MethodPost, "/api/v1/products", input, nil); w.Code != http.StatusCreated {
		t.Errorf("bearer POST: %d %s", w.Code, w.Body.String())
	}
	if n := countProducts(); n != before+2 {
		t.Errorf("accepted requests created %d products, want 2", n-before)
	}
}
