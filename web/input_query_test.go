package web

import (
	"net/http"
	"strings"
	"testing"

	"firstset"
	"firstset/web/httpx"
)

// A listing's query parameters are read strictly: an unknown value or a
// malformed number is refused naming the parameter, never dropped so that
// the caller silently gets everything.
func TestListParametersAreChecked(t *testing.T) {
	env := newTestEnv(t)
	api := env.token("admin", firstset.ScopeCatalogRead, firstset.ScopeProductsRead, firstset.ScopeEnterprisesRead, firstset.ScopeUsersAdmin)
	bad := []struct{ target, field string }{
		{"/api/v1/catalog?level=zzz", "level"},
		{"/api/v1/catalog?status=zzz", "status"},
		{"/api/v1/catalog?district=999999", "district"},
		{"/api/v1/catalog?category=abc", "category"},
		{"/api/v1/catalog?category=-3", "category"},
		{"/api/v1/catalog?category=987654", "category"},
		{"/api/v1/catalog?page=abc", "page"},
		{"/api/v1/catalog?page=0", "page"},
		{"/api/v1/catalog?per_page=-1", "per_page"},
		{"/api/v1/catalog?per_page=101", "per_page"},
		{"/api/v1/catalog?page=99999999999999999999", "page"},
		{"/api/v1/catalog?level=national&level=provincial", "level"},
		{"/api/v1/catalog?q=" + strings.Repeat("长", 51), "q"},
		{"/api/v1/catalog/export?level=zzz", "level"},
		{"/api/v1/catalog/export?district=zzz", "district"},
		{"/api/v1/products?status=zzz", "status"},
		{"/api/v1/products?enterprise_id=abc", "enterprise_id"},
		{"/api/v1/products?page=abc", "page"},
		{"/api/v1/products?per_page=-5", "per_page"},
		{"/api/v1/enterprises?district=zzz", "district"},
		{"/api/v1/enterprises?page=1.5", "page"},
		{"/api/v1/users?role=zzz", "role"},
		{"/api/v1/users?per_page=abc", "per_page"},
	}
	for _, c := range bad {
		e := assertAPIError(t, api.get(c.target), http.StatusBadRequest, firstset.EBADREQUEST)
		if e.Field != c.field || !strings.Contains(e.Message, c.field) {
			t.Errorf("%s: %+v; want field %q named in the message", c.target, e, c.field)
		}
		assertNoGoText(t, e.Message)
	}

	// Parameters an endpoint does not know are ignored (links carry
	// tracking parameters); good values work as before.
	for _, target := range []string{
		"/api/v1/catalog?utm_source=mail&level=national&status=recognised&district=500107&category=" + httpx.Itoa(env.catA.ID) + "&page=1&per_page=100",
		"/api/v1/products?utm_source=mail&status=draft&enterprise_id=" + httpx.Itoa(env.entA.ID) + "&page=2&per_page=1",
		"/api/v1/enterprises?district=500107&page=1&per_page=20&from=home",
		"/api/v1/users?role=admin&page=1&per_page=20",
	} {
		if w := api.get(target); w.Code != http.StatusOK {
			t.Errorf("%s: %d %s", target, w.Code, w.Body.String())
		}
	}
	var list httpx.ListResponse[firstset.CatalogItem]
	decode(t, api.get("/api/v1/catalog?level=international"), &list)
	if list.Total != 0 {
		t.Errorf("level=international matched %d seeded products (all national)", list.Total)
	}
	// A category that exists but holds nothing is an empty result, not an error.
	cats, err := env.svc.Categories(t.Context())
	if err != nil || len(cats) < 2 {
		t.Fatalf("categories: %v %v", cats, err)
	}
	for _, target := range []string{"/api/v1/catalog?category=" + httpx.Itoa(cats[1].ID), "/api/v1/catalog/export?category=" + httpx.Itoa(cats[1].ID)} {
		if w := api.get(target); w.Code != http.StatusOK {
			t.Errorf("%s, an empty category: %d %s", target, w.Code, w.Body.String())
		}
	}

	// Pages answer with an error page naming the parameter.
	admin := env.login("admin")
	for _, c := range []struct{ target, field string }{
		{"/catalog?level=zzz", "level"},
		{"/catalog?page=abc", "page"},
		{"/catalog?category=987654", "category"},
		{"/products?status=zzz", "status"},
		{"/products?per_page=-1", "per_page"},
		{"/enterprises?district=zzz", "district"},
		{"/admin/users?role=zzz", "role"},
		{"/catalog/export.xlsx?status=zzz", "status"},
	} {
		w := admin.get(c.target)
		if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), c.field) {
			t.Errorf("%s: %d, want 400 naming %s", c.target, w.Code, c.field)
		}
	}
	// What the filter forms send when nothing is chosen is no filter.
	for _, target := range []string{"/products?utm_campaign=x&q=&status=", "/catalog?q=&category=&level=&status=&page=",
		"/enterprises?q=&district=", "/admin/users?q=&role=&per_page="} {
		if w := admin.get(target); w.Code != http.StatusOK {
			t.Errorf("%s: %d", target, w.Code)
		}
	}
}
