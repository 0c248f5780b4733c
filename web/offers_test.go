package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"firstset"
	"firstset/dbtest"
)

// TestEveryRoleIsOfferedOnlyWhatItMayDo walks the demo site as the public
// and as every demo role: every link on every page reached from the home
// page must open (no 403, no 404 for something hidden from the role), and
// every form, submitted as the page fills it, must be let in by the
// service (it works, or asks for better input), never refused. What the
// pages offer is then checked against the services' rules directly.
func TestEveryRoleIsOfferedOnlyWhatItMayDo(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newDemoEnv(t, store)
		system := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
		type visit struct {
			user string
			c    *client
			cr   *crawl
		}
		var visits []visit
		for _, name := range append([]string{""}, demoUsernames()...) {
			c, who := env.public(), "public"
			if name != "" {
				c, who = env.login(name), name
			}
			cr := crawlSite(t, c)
			patterns := map[string]bool{}
			for page, code := range cr.Pages {
				patterns[pattern(page)] = true
				if code >= 400 {
					t.Errorf("%s: GET %s (linked from %s) answers %d", who, page, cr.Refers[page], code)
				}
			}
			t.Logf("%s: %d pages of %d kinds, %d forms", who, len(cr.Pages), len(patterns), len(cr.Forms))
			visits = append(visits, visit{who, c, cr})
		}

		clients := map[string]*client{}
		for _, v := range visits[1:] {
			clients[v.user] = v.c
		}
		checkOffersFollowTheServicesRules(t, env, clients)

		// Forms, deletions and logging out last, as both end something the
		// other forms may still be about.
		for _, v := range visits {
			for _, f := range v.cr.Forms {
				if f.Action == "/logout" || strings.HasSuffix(f.Action, "/delete") {
					continue
				}
				if w := submit(t, v.c, f); !formAnswerAllowed(w.Code) {
					t.Errorf("%s: %s %s (on %s) answers %d: %.300s", v.user, f.Method, f.Action, f.Page, w.Code, w.Body.String())
				}
			}
		}
		deletions := 0
		for _, v := range visits {
			for _, f := range v.cr.Forms {
				if !strings.HasSuffix(f.Action, "/delete") {
					continue
				}
				id, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(f.Action, "/products/"), "/delete"), 10, 64)
				if _, err := env.svc.FindProductByID(system, id); firstset.ErrorCode(err) == firstset.ENOTFOUND {
					continue // offered to more than one role and deleted by an earlier one
				}
				w := submit(t, v.c, f)
				if w.Code != http.StatusSeeOther {
					t.Errorf("%s: POST %s (on %s) answers %d: %.300s", v.user, f.Action, f.Page, w.Code, w.Body.String())
				}
				deletions++
			}
		}
		if deletions == 0 {
			t.Error("no role was offered a deletion; the demo data has drafts its enterprise may delete")
		}
		for _, v := range visits[1:] {
			if w := v.c.postForm("/logout", url.Values{}); w.Code != http.StatusSeeOther {
				t.Errorf("%s: logout answers %d", v.user, w.Code)
			}
		}
	})
}

// checkOffersFollowTheServicesRules checks what the pages offer each role
// against what the services allow, and that pages a role may not use
// answer so when opened directly rather than showing a form that the
// service then refuses.
func checkOffersFollowTheServicesRules(t *testing.T, env *testEnv, clients map[string]*client) {
	system := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	{
		products, _, err := env.svc.FindProducts(system, firstset.ProductFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var draft, declared *firstset.Product
		for _, p := range products {
			switch {
			case p.Status == firstset.StatusDraft && draft == nil:
				draft = p
			case p.Status == firstset.StatusDeclared && declared == nil:
				declared = p
			}
		}
		enterprises, _, err := env.svc.FindEnterprises(system, firstset.EnterpriseFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range demoUsernames() {
			c := clients[name]
			u := env.demoUser(name)
			a := &firstset.Actor{User: u}
			nav := navOf(c.get("/").Body.String())

			// The navigation holds what the role may open, and only that.
			wantNav := map[string]bool{
				"/products":         firstset.ProductReachOf(a) != firstset.ReachCatalog,
				"/enterprises":      firstset.CanListEnterprises(a) && u.Role != firstset.RoleEnterprise,
				"/admin/users":      firstset.CanManageUsers(a),
				"/admin/categories": firstset.CanManageCategories(a),
				"/admin/audit":      firstset.CanReadAudit(a),
				"/tender":           firstset.CanCheckTenders(a),
			}
			for link, want := range wantNav {
				if got := strings.Contains(nav, `href="`+link+`"`); got != want {
					t.Errorf("%s: navigation offers %s: %v, want %v", name, link, got, want)
				}
			}

			check := func(target string, allowed bool) {
				t.Helper()
				w := c.get(target)
				switch {
				case allowed && w.Code != http.StatusOK:
					t.Errorf("%s: GET %s answers %d, but the service allows it", name, target, w.Code)
				case !allowed && w.Code != http.StatusForbidden && w.Code != http.StatusNotFound && w.Code != http.StatusConflict:
					t.Errorf("%s: GET %s answers %d, but the service refuses what it is for (want its refusal: 403, 404 or 409)", name, target, w.Code)
				}
			}
			check("/products/new", firstset.CanCreateProduct(a))
			check("/enterprises/new", firstset.CanCreateEnterprise(a))
			check("/enterprises", firstset.CanListEnterprises(a))
			for _, p := range []*firstset.Product{draft, declared} {
				check(idPath("/products/{id}/edit", p.ID), firstset.CanEditProduct(a, p))
				check(idPath("/products/{id}/delete", p.ID), firstset.CanDeleteProduct(a, p))
				check(idPath("/products/{id}/recognition", p.ID), firstset.CanSetRecognition(a) && firstset.CanSeeEnterprise(a,
					&firstset.Enterprise{ID: p.EnterpriseID, DistrictCode: p.DistrictCode}))
			}
			for _, e := range enterprises[:3] {
				if firstset.CanSeeEnterprise(a, e) {
					check(idPath("/enterprises/{id}/edit", e.ID), firstset.CanEditEnterprise(a, e))
					page := c.get(idPath("/enterprises/{id}", e.ID)).Body.String()
					if got := strings.Contains(page, idPath(`href="/enterprises/{id}/edit"`, e.ID)); got != firstset.CanEditEnterprise(a, e) {
						t.Errorf("%s: enterprise %d offers editing: %v", name, e.ID, got)
					}
					if got := strings.Contains(page, `href="/products/new`); got != firstset.CanCreateProduct(a) {
						t.Errorf("%s: enterprise %d offers a new product: %v", name, e.ID, got)
					}
				}
			}
		}
	}
}

// navOf is a page's main navigation.
func navOf(page string) string {
	start := strings.Index(page, `<nav class="mainnav"`)
	if start < 0 {
		return ""
	}
	end := strings.Index(page[start:], "</nav>")
	return page[start : start+end]
}

// demoUser is the stored account of a demo username.
func (env *testEnv) demoUser(username string) *firstset.User {
	env.t.Helper()
	ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	u, err := env.svc.FindUserByID(ctx, env.userID(username))
	if err != nil {
		env.t.Fatal(err)
	}
	return u
}
