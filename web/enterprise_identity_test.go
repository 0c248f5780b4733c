package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"firstset"
	"firstset/dbtest"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// TestEnterpriseCannotChangeItsIdentity: an enterprise user edits its own
// profile but not its name, credit code or district, which the catalog
// shows and which decide who reviews it; the page shows them as text.
func TestEnterpriseCannotChangeItsIdentity(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		ent := env.login("ent-a")
		path := "/enterprises/" + httpx.Itoa(env.entA.ID)

		page := ent.get(path + "/edit").Body.String()
		if strings.Contains(page, `<select id="district_code"`) || strings.Contains(page, `id="credit_code"`) {
			t.Errorf("the edit page offers the enterprise its district or credit code to change")
		}
		if !strings.Contains(page, env.entA.Name) || !strings.Contains(page, "不能由企业自行修改") {
			t.Errorf("the edit page does not show the identity as text")
		}

		in := forms.EnterpriseInputOf(env.entA)
		in.DistrictCode = "500101" // 万州区: out of its district office's sight
		form := url.Values{"name": {in.Name}, "credit_code": {in.CreditCode}, "district_code": {in.DistrictCode},
			"address": {in.Address}, "contact_name": {in.ContactName}, "contact_phone": {in.ContactPhone}}
		if w := ent.postForm(path, form); w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "所在区县不能由企业自行修改") {
			t.Errorf("moving its own district from the page: %d", w.Code)
		}
		in.DistrictCode = env.entA.DistrictCode
		in.Name = "改名有限公司"
		e := assertAPIError(t, ent.sendJSON(http.MethodPut, "/api/v1"+path, in, nil), http.StatusUnprocessableEntity, firstset.EINVALID)
		if e.Field != "name" || detailCode(e) != "read_only" {
			t.Errorf("renaming itself through the API: %+v", e)
		}

		got, err := env.svc.FindEnterpriseByID(env.asUser("reviewer"), env.entA.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != env.entA.Name || got.DistrictCode != env.entA.DistrictCode {
			t.Errorf("the refused edits changed the enterprise: %+v", got)
		}
		// What it may change, it changes; the city changes the rest.
		in.Name = env.entA.Name
		in.Address = "重庆市九龙坡区科城路 1 号"
		if w := ent.sendJSON(http.MethodPut, "/api/v1"+path, in, nil); w.Code != http.StatusOK {
			t.Errorf("its own address: %d %s", w.Code, w.Body.String())
		}
		in.DistrictCode = "500101"
		if w := env.login("reviewer").sendJSON(http.MethodPut, "/api/v1"+path, in, nil); w.Code != http.StatusOK {
			t.Errorf("the reviewer moving it: %d %s", w.Code, w.Body.String())
		}
	})
}

// TestEnterpriseListFiltersAreNeverWidened: a filter asking for what the
// caller may not see finds nothing, as the product list's does; it is
// never replaced by what the caller may see.
func TestEnterpriseListFiltersAreNeverWidened(t *testing.T) {
	env := newTestEnv(t)
	env.addUsers(firstset.UserInput{Username: "district-a", Name: "九龙坡区经信委", Role: firstset.RoleDistrict,
		DistrictCode: env.entA.DistrictCode})
	total := func(c *client, query string) int {
		t.Helper()
		w := c.get("/api/v1/enterprises?" + query)
		if w.Code != http.StatusOK {
			t.Fatalf("?%s: %d %s", query, w.Code, w.Body.String())
		}
		var list httpx.ListResponse[firstset.Enterprise]
		decode(t, w, &list)
		return list.Total
	}
	district := env.login("district-a")
	if n := total(district, "district="+env.entB.DistrictCode); n != 0 {
		t.Errorf("a district office asking for another district lists %d of its own", n)
	}
	if n := total(district, "district="+env.entA.DistrictCode); n != 1 {
		t.Errorf("a district office asking for its own district lists %d", n)
	}
	page := district.get("/enterprises").Body.String()
	if strings.Contains(page, `<select id="district"`) || !strings.Contains(page, "九龙坡区") {
		t.Errorf("a district office is offered a choice of districts")
	}
	ent := env.login("ent-a")
	if n := total(ent, "q=zzzz"); n != 0 {
		t.Errorf("an enterprise searching for zzzz lists %d", n)
	}
	if n := total(ent, "q=甲机床"); n != 1 {
		t.Errorf("an enterprise searching for its own name lists %d", n)
	}
}
