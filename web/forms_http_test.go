package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// fieldBlock returns the HTML of the form field holding input name, from
// its wrapper to the next field.
func fieldBlock(t *testing.T, page, name string) string {
	t.Helper()
	i := strings.Index(page, `name="`+name+`"`)
	if i < 0 {
		t.Fatalf("no input %q on the page", name)
	}
	// A wrapper's class is "field" or "field has-error"; "field-error" is
	// the message inside it.
	wrapper := regexp.MustCompile(`class="field( has-error)?"`)
	starts := wrapper.FindAllStringIndex(page[:i], -1)
	if len(starts) == 0 {
		t.Fatalf("input %q is outside any field", name)
	}
	end := len(page)
	if next := wrapper.FindStringIndex(page[i:]); next != nil {
		end = i + next[0]
	}
	return page[starts[len(starts)-1][0]:end]
}

func TestProductFormShowsErrorsBesideFieldsAndKeepsInput(t *testing.T) {
	env := newTestEnv(t)
	a := env.login("ent-a")
	form := url.Values{
		"name":             {"  "},
		"model":            {"<b>YK-31</b>"},
		"description":      {"保留的说明文字"},
		"param_name":       {"主轴转速", "", ""},
		"param_value":      {"", "", ""},
		"param_unit":       {"r/min", "", ""},
		"talent_led":       {"1"},
		"talent_program":   {"重庆英才计划"},
		"patents":          {"not-a-patent"},
		"innovation_level": {""},
	}
	w := a.postForm("/products", form)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", w.Code)
	}
	page := w.Body.String()
	for _, field := range []string{"name", "category_id", "innovation_level", "patents"} {
		if !strings.Contains(fieldBlock(t, page, field), `class="field-error"`) {
			t.Errorf("no error beside %s", field)
		}
	}
	if strings.Contains(fieldBlock(t, page, "model"), `class="field-error"`) {
		t.Errorf("an error beside model, which was fine")
	}
	// The input is kept, escaped.
	for _, kept := range []string{
		`value="` + html.EscapeString("<b>YK-31</b>") + `"`,
		"保留的说明文字", `value="主轴转速"`, `value="r/min"`, `value="重庆英才计划"`, "not-a-patent",
	} {
		if !strings.Contains(page, kept) {
			t.Errorf("input %q was not kept", kept)
		}
	}
	if !regexp.MustCompile(`name="talent_led" value="1"\s+checked`).MatchString(page) {
		t.Errorf("talent-led checkbox lost")
	}
	if strings.Contains(page, "<b>YK-31</b>") {
		t.Errorf("input rendered unescaped")
	}
}

func TestProductFormAddsRowsWithoutSaving(t *testing.T) {
	env := newTestEnv(t)
	a := env.login("ent-a")
	w := a.postForm("/products", url.Values{"name": {"半成品"}, "param_name": {"转速", ""}, "param_value": {"3000", ""},
		"param_unit": {"r/min", ""}, "add_rows": {"1"}})
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	page := w.Body.String()
	if n := strings.Count(page, `name="param_name"`); n != 1+2*forms.BlankParamRows {
		t.Errorf("%d parameter rows, want the filled one and %d blank", n, 2*forms.BlankParamRows)
	}
	if !strings.Contains(page, `value="半成品"`) || !strings.Contains(page, `value="3000"`) {
		t.Errorf("input lost when adding rows")
	}
	if strings.Contains(page, `class="field-error"`) {
		t.Errorf("adding rows showed errors")
	}
	ctx := firstset.NewContextWithActor(t.Context(), firstset.SystemActor())
	if list, _, _ := env.svc.FindProducts(ctx, firstset.ProductFilter{Query: "半成品"}); len(list) != 0 {
		t.Errorf("adding rows saved the product")
	}
}

func TestProductCreateEditDeleteThroughPages(t *testing.T) {
	env := newTestEnv(t)
	a := env.login("ent-a")
	if w := a.get("/products/new"); w.Code != 200 || strings.Count(w.Body.String(), `name="param_name"`) != forms.BlankParamRows {
		t.Fatalf("new form: %d", w.Code)
	}
	w := a.postForm("/products", url.Values{"name": {"新型减速器"}, "model": {"RV-40E"}, "category_id": {httpx.Itoa(env.catA.ID)},
		"innovation_level": {"provincial"}, "param_name": {"减速比", ""}, "param_value": {"121", ""}, "param_unit": {"", ""},
		"patents": {""}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("create: %d %s", w.Code, w.Body.String())
	}
	loc := w.Header().Get("Location")
	show := a.get(loc)
	if show.Code != 200 || !strings.Contains(show.Body.String(), "新型减速器") || !strings.Contains(show.Body.String(), "装备已保存") {
		t.Fatalf("show after create: %d", show.Code)
	}
	if w := a.get(loc + "/edit"); w.Code != 200 || !strings.Contains(w.Body.String(), `value="121"`) {
		t.Errorf("edit form: %d", w.Code)
	}
	confirm := a.get(loc + "/delete")
	if confirm.Code != 200 || !strings.Contains(confirm.Body.String(), "确认删除") {
		t.Fatalf("delete confirmation: %d", confirm.Code)
	}
	if w := a.postForm(loc+"/delete", url.Values{}); w.Code != http.StatusSeeOther {
		t.Fatalf("delete: %d", w.Code)
	}
	if w := a.get(loc); w.Code != http.StatusNotFound {
		t.Errorf("deleted product still shown: %d", w.Code)
	}
}

// TestProductShowOffersWhatTheServiceAllows: the edit and delete buttons
// follow the service's rules, so nobody is offered a delete the service
// would refuse (an administrator on a recognised product, say), and each
// button shown or hidden agrees with what pressing it does.
func TestProductShowOffersWhatTheServiceAllows(t *testing.T) {
	env := newTestEnv(t)
	cases := []struct {
		who          string
		p            *firstset.Product
		edit, delete bool
	}{
		{"admin", env.recA, true, false},
		{"admin", env.draftA, true, true},
		{"reviewer", env.recB, true, false},
		{"ent-a", env.draftA, true, true},
		{"ent-a", env.recA, false, false},
		{"buyer", env.recA, false, false},
		{"", env.recA, false, false},
	}
	for _, c := range cases {
		u := env.public()
		if c.who != "" {
			u = env.login(c.who)
		}
		w := u.get(idPath("/products/{id}", c.p.ID))
		if w.Code != http.StatusOK {
			t.Fatalf("%s on %s: %d", c.who, c.p.Name, w.Code)
		}
		body := w.Body.String()
		if got := strings.Contains(body, idPath(`href="/products/{id}/edit"`, c.p.ID)); got != c.edit {
			t.Errorf("%s on %s: edit button %v, want %v", c.who, c.p.Name, got, c.edit)
		}
		if got := strings.Contains(body, idPath(`href="/products/{id}/delete"`, c.p.ID)); got != c.delete {
			t.Errorf("%s on %s: delete button %v, want %v", c.who, c.p.Name, got, c.delete)
		}
		if c.who != "" && !c.delete {
			if w := u.postForm(idPath("/products/{id}/delete", c.p.ID), url.Values{}); w.Code == http.StatusSeeOther {
				t.Errorf("%s deleted %s, which offered no delete button", c.who, c.p.Name)
			}
		}
	}
	// Pressing the offered delete works (checked last: it removes draftA).
	if w := env.login("admin").postForm(idPath("/products/{id}/delete", env.draftA.ID), url.Values{}); w.Code != http.StatusSeeOther {
		t.Errorf("admin deleting a draft: %d %s", w.Code, w.Body.String())
	}
}

func TestLoginErrorsAndThrottling(t *testing.T) {
	env := newTestEnv(t)
	pub := env.public()
	w := pub.postForm("/login", url.Values{"username": {"ent-a"}, "password": {"wrong"}})
	if w.Code != http.StatusUnauthorized || !strings.Contains(w.Body.String(), "用户名或密码错误") || !strings.Contains(w.Body.String(), `value="ent-a"`) {
		t.Errorf("wrong password: %d", w.Code)
	}
	for range 10 {
		w = pub.postForm("/login", url.Values{"username": {"ent-a"}, "password": {"wrong"}})
	}
	if w.Code != http.StatusTooManyRequests || !strings.Contains(w.Body.String(), "登录失败次数过多") {
		t.Errorf("after many failures: %d %s", w.Code, w.Body.String())
	}
	// Even the right password waits out the lock.
	if w := pub.postForm("/login", url.Values{"username": {"ent-a"}, "password": {testPassword}}); w.Code != http.StatusTooManyRequests {
		t.Errorf("right password while locked: %d", w.Code)
	}
}

func TestLogoutEndsTheSession(t *testing.T) {
	env := newTestEnv(t)
	a := env.login("ent-a")
	if w := a.postForm("/logout", url.Values{}); w.Code != http.StatusSeeOther {
		t.Fatalf("logout: %d", w.Code)
	}
	if w := a.get("/products"); w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login") {
		t.Errorf("after logout: %d", w.Code)
	}
}

func TestEveryPageRendersForItsRoles(t *testing.T) {
	env := newTestEnv(t)
	pages := map[string][]string{
		"":         {"/", "/login", "/catalog", "/catalog?q=甲&level=national&page=2", idPath("/products/{id}", env.recA.ID)},
		"ent-a":    {"/", "/products", "/products/new", idPath("/products/{id}", env.draftA.ID), idPath("/products/{id}/edit", env.draftA.ID), idPath("/enterprises/{id}", env.entA.ID), idPath("/enterprises/{id}/edit", env.entA.ID), "/tokens", "/catalog"},
		"reviewer": {"/", "/products?status=draft", "/enterprises", "/enterprises/new", "/catalog?status=draft", "/products/new"},
		"admin": {"/", "/admin/users", "/admin/users/new", "/admin/audit", "/admin/audit?entity=product", idPath("/products/{id}/recognition", env.draftA.ID),
			"/enterprises", idPath("/admin/users/{id}/edit", env.userID("ent-a"))},
		"buyer": {"/", "/products", "/catalog"},
	}
	for user, list := range pages {
		c := env.public()
		if user != "" {
			c = env.login(user)
		}
		for _, p := range list {
			w := c.get(p)
			if w.Code != http.StatusOK {
				t.Errorf("%s GET %s: %d", user, p, w.Code)
				continue
			}
			body := w.Body.String()
			if !strings.Contains(body, "</html>") || !strings.Contains(body, `<html lang="zh-CN">`) {
				t.Errorf("%s GET %s: incomplete page", user, p)
			}
		}
	}
}
