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

func TestAdminAddsCategoryWithErrorsBesideFields(t *testing.T) {
	env := newTestEnv(t)
	admin := env.login("admin")

	page := admin.get("/admin/categories")
	if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), env.catA.Name) {
		t.Fatalf("category page: %d, lists %s: %v", page.Code, env.catA.Name, strings.Contains(page.Body.String(), env.catA.Name))
	}
	if !strings.Contains(page.Body.String(), `href="/admin/categories" aria-current="page"`) {
		t.Errorf("the admin navigation does not link the category page")
	}
	if !strings.Contains(page.Body.String(), "0 至 9999 的整数") || !strings.Contains(page.Body.String(), `maxlength="4"`) {
		t.Errorf("the sort hint or input length does not follow maxCategorySort")
	}

	// A malformed sort order is shown beside its input, the name kept.
	w := admin.postForm("/admin/categories", url.Values{"name": {"航空航天装备新类"}, "sort": {"第一"}})
	body := w.Body.String()
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(body, `value="航空航天装备新类"`) ||
		!strings.Contains(body, `value="第一"`) || !fieldHasError(body, "sort", "排序须为 0 至 9999 之间的整数") {
		t.Errorf("bad sort: %d\n%s", w.Code, body)
	}
	// An empty name is the service's to refuse, beside the name input.
	w = admin.postForm("/admin/categories", url.Values{"name": {" "}, "sort": {"7"}})
	if body := w.Body.String(); w.Code != http.StatusUnprocessableEntity || !fieldHasError(body, "name", "请填写类别名称") ||
		!strings.Contains(body, `value="7"`) {
		t.Errorf("empty name: %d\n%s", w.Code, body)
	}
	// So is a name already taken.
	w = admin.postForm("/admin/categories", url.Values{"name": {env.catA.Name}, "sort": {"1"}})
	if w.Code != http.StatusUnprocessableEntity || !fieldHasError(w.Body.String(), "name", "已存在") {
		t.Errorf("duplicate name: %d\n%s", w.Code, w.Body.String())
	}

	w = admin.postForm("/admin/categories", url.Values{"name": {"海洋工程装备新类"}, "sort": {"0"}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/admin/categories" {
		t.Fatalf("add: %d %s", w.Code, w.Body.String())
	}
	page = admin.get("/admin/categories")
	if body := page.Body.String(); !strings.Contains(body, "类别“海洋工程装备新类”已添加") {
		t.Errorf("no flash after adding")
	}
	cats, err := env.svc.Categories(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if cats[0].Name != "海洋工程装备新类" {
		t.Errorf("sort order 0 should list the new category first, got %q", cats[0].Name)
	}
}

// The sort order's range is the service's rule (firstset.MaxCategorySort):
// the page and the API refuse an order outside it with the same field,
// code and message; only the page reads text, so only it says "not a
// number", in the same words.
func TestCategorySortRange(t *testing.T) {
	env := newTestEnv(t)
	admin := env.login("admin")
	api := env.token("admin", firstset.ScopeProductsWrite)
	want := firstset.FieldError{Field: "sort", Code: firstset.EINVALID, Message: "排序须为 0 至 9999 之间的整数。"}
	for _, sort := range []int{-1, firstset.MaxCategorySort + 1} {
		e := assertAPIError(t, api.sendJSON(http.MethodPost, "/api/v1/categories", httpx.CategoryInput{Name: "越界类别", Sort: sort}, nil),
			http.StatusUnprocessableEntity, firstset.EINVALID)
		if e.Field != want.Field || e.Message != want.Message || len(e.Details) != 1 || e.Details[0] != want {
			t.Errorf("API sort %d: got %+v, want %+v", sort, e, want)
		}
		w := admin.postForm("/admin/categories", url.Values{"name": {"越界类别"}, "sort": {httpx.Itoa(int64(sort))}})
		if body := w.Body.String(); w.Code != http.StatusUnprocessableEntity || !fieldHasError(body, "sort", want.Message) ||
			!strings.Contains(body, `value="越界类别"`) {
			t.Errorf("page sort %d: %d\n%s", sort, w.Code, body)
		}
	}
	// Both ends are accepted.
	for i, sort := range []int{0, firstset.MaxCategorySort} {
		if w := api.sendJSON(http.MethodPost, "/api/v1/categories", httpx.CategoryInput{Name: "边界类别" + httpx.Itoa(int64(i)), Sort: sort}, nil); w.Code != http.StatusCreated {
			t.Errorf("API sort %d: %d %s", sort, w.Code, w.Body.String())
		}
	}
	// The service checks the name and the order together, so both are shown.
	w := admin.postForm("/admin/categories", url.Values{"name": {" "}, "sort": {"10000"}})
	if body := w.Body.String(); w.Code != http.StatusUnprocessableEntity || !fieldHasError(body, "sort", want.Message) ||
		!fieldHasError(body, "name", "请填写类别名称") {
		t.Errorf("empty name and sort 10000: %d\n%s", w.Code, body)
	}
	e := assertAPIError(t, api.sendJSON(http.MethodPost, "/api/v1/categories", httpx.CategoryInput{Sort: -1}, nil),
		http.StatusUnprocessableEntity, firstset.EINVALID)
	if e.Field != "name" || len(e.Details) != 2 || e.Details[1] != want {
		t.Errorf("API empty name and sort -1: %+v", e)
	}
}

func TestOnlyAdminsAddCategories(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		count := func() int {
			cats, err := env.svc.Categories(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			return len(cats)
		}
		before := count()

		pub := env.public()
		if w := pub.get("/admin/categories"); w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login?next=") {
			t.Errorf("public category page: %d", w.Code)
		}
		if w := pub.postForm("/admin/categories", url.Values{"name": {"匿名类别"}}); w.Code != http.StatusUnauthorized {
			t.Errorf("public post: %d", w.Code)
		}
		assertAPIError(t, pub.sendJSON(http.MethodPost, "/api/v1/categories", httpx.CategoryInput{Name: "匿名类别"}, nil),
			http.StatusUnauthorized, firstset.EUNAUTHORIZED)

		for _, name := range []string{"reviewer", "ent-a"} {
			c := env.login(name)
			if w := c.get("/admin/categories"); w.Code != http.StatusForbidden {
				t.Errorf("%s GET /admin/categories: %d", name, w.Code)
			}
			if strings.Contains(c.get("/").Body.String(), `href="/admin/categories"`) {
				t.Errorf("%s is offered the category page", name)
			}
			if w := c.postForm("/admin/categories", url.Values{"name": {name + "的类别"}}); w.Code != http.StatusForbidden {
				t.Errorf("%s POST /admin/categories: %d", name, w.Code)
			}
			// Even malformed input is refused for who sends it, not for what.
			assertAPIError(t, c.sendJSON(http.MethodPost, "/api/v1/categories", httpx.CategoryInput{Name: name + "的类别", Sort: -1}, nil),
				http.StatusForbidden, firstset.EFORBIDDEN)
		}
		if n := count(); n != before {
			t.Fatalf("refused requests added %d categories", n-before)
		}

		// A token carries only the scopes it was given, an administrator's too.
		readOnly := env.token("admin", firstset.ScopeCatalogRead)
		assertAPIError(t, readOnly.sendJSON(http.MethodPost, "/api/v1/categories", httpx.CategoryInput{Name: "只读令牌类别", Sort: 1}, nil),
			http.StatusForbidden, firstset.EFORBIDDEN)
		api := env.token("admin", firstset.ScopeProductsWrite)
		assertAPIError(t, api.sendJSON(http.MethodPost, "/api/v1/categories", httpx.CategoryInput{Name: "负序类别", Sort: -1}, nil),
			http.StatusUnprocessableEntity, firstset.EINVALID)
		w := api.sendJSON(http.MethodPost, "/api/v1/categories", httpx.CategoryInput{Name: "  接口类别  ", Sort: 5}, nil)
		var created firstset.Category
		decode(t, w, &created)
		if w.Code != http.StatusCreated || created.ID == 0 || created.Name != "接口类别" || created.Sort != 5 {
			t.Errorf("admin API create: %d %+v", w.Code, created)
		}
		if n := count(); n != before+1 {
			t.Errorf("admin added %d categories, want 1", n-before)
		}
	})
}

// fieldHasError reports whether the page shows msg beside the input
// named field: inside that input's own field block.
func fieldHasError(page, field, msg string) bool {
	i := strings.Index(page, `name="`+field+`"`)
	if i < 0 {
		return false
	}
	rest := page[i:]
	if end := strings.Index(rest, `<div class="field`); end >= 0 {
		rest = rest[:end]
	}
	return strings.Contains(rest, `class="field-error"`) && strings.Contains(rest, msg)
}
