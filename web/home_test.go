package web

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"firstset"
	"firstset/creditcode"
	"firstset/dbtest"
	"firstset/web/httpx"
	"firstset/web/ui"
)

// addUsers opens accounts for roles the base environment lacks.
func (env *testEnv) addUsers(users ...firstset.UserInput) {
	env.t.Helper()
	ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	for _, u := range users {
		u.Password = testPassword
		if u.Role == firstset.RoleInsurer && u.InstitutionID == 0 {
			u.InstitutionID = env.institution(u.Name, firstset.InstitutionInsurer).ID
		}
		if _, err := env.svc.CreateUser(ctx, u); err != nil {
			env.t.Fatalf("user %s: %v", u.Username, err)
		}
	}
}

// institution registers an institution of kind named name.
func (env *testEnv) institution(name string, kind firstset.InstitutionKind) *firstset.Institution {
	env.t.Helper()
	ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	env.seq++
	rng := rand.New(rand.NewPCG(uint64(env.seq), 14))
	n, err := env.svc.CreateInstitution(ctx, firstset.InstitutionInput{Name: name, Kind: kind,
		CreditCode: creditcode.Generate(rng, "500103")})
	if err != nil {
		env.t.Fatalf("institution %s: %v", name, err)
	}
	return n
}

// declare submits p for recognition.
func (env *testEnv) declare(p *firstset.Product) {
	env.t.Helper()
	ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	if _, err := env.svc.SetRecognition(ctx, p.ID, firstset.RecognitionInput{Status: firstset.StatusDeclared}); err != nil {
		env.t.Fatal(err)
	}
}

var statLink = regexp.MustCompile(`<a href="/products\?status=(\w+)"><strong>(\d+)</strong>`)

// statusCounts reads the per-status counts a page links to the product list.
func statusCounts(page string) map[string]string {
	out := map[string]string{}
	for _, m := range statLink.FindAllStringSubmatch(page, -1) {
		out[m[1]] = m[2]
	}
	return out
}

// TestCatalogRolesSeeOnlyTheCatalog: buyers, experts and insurers see
// recognised products only, so a filter for any other status finds
// nothing (it used to list the recognised products under 草稿), and their
// home counts only the catalog.
func TestCatalogRolesSeeOnlyTheCatalog(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		env.addUsers(firstset.UserInput{Username: "expert", Name: "专家", Role: firstset.RoleExpert},
			firstset.UserInput{Username: "insurer", Name: "保险", Role: firstset.RoleInsurer})
		for _, name := range []string{"buyer", "expert", "insurer"} {
			c := env.login(name)
			api := env.token(name, firstset.ScopeProductsRead)
			for _, st := range []firstset.ProductStatus{firstset.StatusDraft, firstset.StatusDeclared, firstset.StatusExpired, firstset.StatusRevoked} {
				page := c.get("/products?status=" + string(st)).Body.String()
				for _, p := range []*firstset.Product{env.draftA, env.recA, env.draftB, env.recB} {
					if strings.Contains(page, p.Name) {
						t.Errorf("%s: the product list filtered to %s shows %s (%s)", name, st.Label(), p.Name, p.Status.Label())
					}
				}
				if !strings.Contains(page, "共 0 条") {
					t.Errorf("%s: the product list filtered to %s does not say it found nothing", name, st.Label())
				}
				var list httpx.ListResponse[*firstset.Product]
				decode(t, api.get("/api/v1/products?status="+string(st)), &list)
				if list.Total != 0 || len(list.Items) != 0 {
					t.Errorf("%s: the API lists %d of %d products with status %s", name, len(list.Items), list.Total, st)
				}
			}
			page := c.get("/products?status=recognised").Body.String()
			if !strings.Contains(page, env.recA.Name) || !strings.Contains(page, env.recB.Name) || !strings.Contains(page, "共 2 条") {
				t.Errorf("%s: the recognised products are not listed", name)
			}
			if strings.Contains(page, `value="draft"`) {
				t.Errorf("%s: the status filter offers 草稿, which can never find anything for this role", name)
			}

			home := c.get("/").Body.String()
			if counts := statusCounts(home); len(counts) != 0 {
				t.Errorf("%s: the home page counts products by status: %v", name, counts)
			}
			if !strings.Contains(home, "<strong>2</strong> 项") {
				t.Errorf("%s: the home page does not give the catalog's size", name)
			}
			if strings.Contains(home, `href="/enterprises"`) || strings.Contains(home, `href="/products/new"`) {
				t.Errorf("%s: the home page offers what the role may not do", name)
			}
		}
	})
}

// TestHomeIsAboutTheRolesOwnWork: each role's home shows its own work,
// counted over what it may see.
func TestHomeIsAboutTheRolesOwnWork(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		env.addUsers(firstset.UserInput{Username: "district", Name: "九龙坡区", Role: firstset.RoleDistrict, DistrictCode: env.entA.DistrictCode},
			firstset.UserInput{Username: "finance", Name: "财政", Role: firstset.RoleFinance})
		env.declare(env.draftA)
		env.declare(env.draftB)

		home := env.login("ent-a").get("/").Body.String()
		if got := fmt.Sprint(statusCounts(home)); got != "map[declared:1 draft:0 expired:0 recognised:1 revoked:0]" {
			t.Errorf("enterprise home counts %s, want its own products only", got)
		}
		if strings.Contains(home, env.draftB.Name) || !strings.Contains(home, env.draftA.Name) {
			t.Errorf("enterprise home lists another enterprise's products, or misses its own")
		}

		home = env.login("district").get("/").Body.String()
		if got := fmt.Sprint(statusCounts(home)); got != "map[declared:1 draft:0 expired:0 recognised:1 revoked:0]" {
			t.Errorf("district home counts %s, want its district's products only", got)
		}
		if !strings.Contains(home, "待审核") || !strings.Contains(home, env.draftA.Name) || strings.Contains(home, env.draftB.Name) {
			t.Errorf("district home does not list its district's declared products alone")
		}

		home = env.login("reviewer").get("/").Body.String()
		if !strings.Contains(home, "待认定") || !strings.Contains(home, env.draftA.Name) || !strings.Contains(home, env.draftB.Name) ||
			strings.Contains(home, env.recA.Name) {
			t.Errorf("reviewer home does not list the declarations awaiting recognition")
		}
		if got := fmt.Sprint(statusCounts(home)); got != "map[declared:2 draft:0 expired:0 recognised:2 revoked:0]" {
			t.Errorf("reviewer home counts %s", got)
		}

		home = env.login("finance").get("/").Body.String()
		if counts := statusCounts(home); len(counts) != 0 {
			t.Errorf("finance home counts declarations, which are not its work: %v", counts)
		}
		if !strings.Contains(home, `<a href="/catalog?status=recognised"><strong>2</strong><span>已认定</span>`) {
			t.Errorf("finance home does not count the catalog")
		}
	})
}

// TestProductFormOffersTheEnterprisesTheCallerMayChoose: staff choose among
// every enterprise (the list used to be empty for roles that could not
// read enterprises, though they were offered the form); an enterprise user
// sees its own named, with nothing to choose.
func TestProductFormOffersTheEnterprisesTheCallerMayChoose(t *testing.T) {
	env := newTestEnv(t)
	page := env.login("reviewer").get("/products/new").Body.String()
	for _, e := range []*firstset.Enterprise{env.entA, env.entB} {
		if !strings.Contains(page, fmt.Sprintf(`<option value="%d">%s</option>`, e.ID, e.Name)) {
			t.Errorf("reviewer's product form does not offer %s", e.Name)
		}
	}
	page = env.login("ent-a").get("/products/new").Body.String()
	if strings.Contains(page, `name="enterprise_id"`) || !strings.Contains(page, env.entA.Name) || strings.Contains(page, env.entB.Name) {
		t.Errorf("enterprise user's product form offers a choice of enterprise, or does not name its own")
	}
	if w := env.login("buyer").get("/products/new"); w.Code != http.StatusForbidden {
		t.Errorf("buyer opens the product form: %d", w.Code)
	}
}

// TestProductFormAsksForTheNumberAmongManyEnterprises: past the 200 a
// select lists, the form takes the enterprise's number, names the one
// chosen, and the product is saved for it.
func TestProductFormAsksForTheNumberAmongManyEnterprises(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 8))
	var last *firstset.Enterprise
	err := env.store.Update(ctx, func(tx firstset.Tx) error {
		for i := range ui.MaxEnterpriseChoices {
			last = &firstset.Enterprise{Name: fmt.Sprintf("重庆批量企业%03d有限公司", i), CreditCode: creditcode.Generate(rng, "500112"),
				DistrictCode: "500112", Address: "渝北区", ContactName: "联系人", ContactPhone: "023-67000000"}
			if err := tx.CreateEnterprise(ctx, last); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	reviewer := env.login("reviewer")
	page := reviewer.get("/products/new").Body.String()
	if strings.Contains(page, `<select id="enterprise_id"`) || !strings.Contains(page, `<input id="enterprise_id" name="enterprise_id"`) ||
		!strings.Contains(page, fmt.Sprintf("企业共 %d 家", ui.MaxEnterpriseChoices+2)) {
		t.Fatalf("the form for %d enterprises does not ask for a number", ui.MaxEnterpriseChoices+2)
	}
	page = reviewer.get("/products/new?enterprise_id=" + httpx.Itoa(last.ID)).Body.String()
	if !strings.Contains(page, "已选："+last.Name) || !strings.Contains(page, `value="`+httpx.Itoa(last.ID)+`"`) {
		t.Errorf("the form does not name the enterprise chosen")
	}
	w := reviewer.postForm("/products", url.Values{"enterprise_id": {httpx.Itoa(last.ID)}, "name": {"批量企业的装备"}, "model": {"B-1"},
		"category_id": {httpx.Itoa(env.catA.ID)}, "innovation_level": {"national"}, "param_name": {"功率"}, "param_value": {"1"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", w.Code, w.Body.String())
	}
	system := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	list, _, err := env.svc.FindProducts(system, firstset.ProductFilter{EnterpriseID: last.ID})
	if err != nil || len(list) != 1 || list[0].Name != "批量企业的装备" {
		t.Errorf("the product is not saved for the enterprise: %v %v", list, err)
	}
}
