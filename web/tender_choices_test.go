package web

import (
	"context"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/web/httpx"
)

var optionValue = regexp.MustCompile(`<option value="(\d+)"`)

// offered lists the product ids the checker's select offers on a page.
func offered(page string) map[string]bool {
	ids := map[string]bool{}
	for _, m := range optionValue.FindAllStringSubmatch(page, -1) {
		ids[m[1]] = true
	}
	return ids
}

// TestTenderProductChoicesAreTheCatalog: whoever checks, staff who see
// every product included, the select and its search offer only products
// recognised and in force, the ones a check accepts.
func TestTenderProductChoicesAreTheCatalog(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		env.addUsers(firstset.UserInput{Username: "tender", Name: firstset.RoleTender.Label() + "用户", Role: firstset.RoleTender})
		env.addUsers(firstset.UserInput{Username: "soe", Name: firstset.RoleSOE.Label() + "用户", Role: firstset.RoleSOE})
		// Recognised four years ago: still "recognised", but out of force.
		ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
		old, err := env.svc.CreateProduct(ctx, firstset.ProductInput{EnterpriseID: env.entA.ID, Name: "甲过期装备", Model: "M-old",
			CategoryID: env.catA.ID, Description: "说明", InnovationLevel: firstset.LevelNational,
			Params: []firstset.Param{{Name: "额定功率", Value: "1", Unit: "kW"}}})
		if err == nil {
			old, err = env.svc.SetRecognition(ctx, old.ID, firstset.RecognitionInput{Status: firstset.StatusRecognised,
				RecognizedOn: date.Today().AddDays(-4 * 366)})
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, user := range []string{"buyer", "reviewer", "admin", "tender", "soe", "ent-a"} {
			c := env.login(user)
			for _, target := range []string{"/tender", "/tender?product_q=" + "装备", "/tender?product_q=" + "草稿"} {
				w := c.get(target)
				ids := offered(w.Body.String())
				if w.Code != http.StatusOK {
					t.Fatalf("%s %s: %d", user, target, w.Code)
				}
				for _, p := range []*firstset.Product{env.draftA, env.draftB, old} {
					if ids[httpx.Itoa(p.ID)] {
						t.Errorf("%s %s offers %s (%s)", user, target, p.Name, p.Status)
					}
				}
				if !strings.Contains(target, "草稿") && (!ids[httpx.Itoa(env.recA.ID)] || !ids[httpx.Itoa(env.recB.ID)]) {
					t.Errorf("%s %s leaves out recognised products: %v", user, target, ids)
				}
			}
		}
	})
}

// TestTenderProductSearchKeepsTheForm: the product search is a button of
// the checking form, so pressing it sends, and gets back, what was pasted
// and chosen; it checks nothing.
func TestTenderProductSearchKeepsTheForm(t *testing.T) {
	env := newTestEnv(t)
	buyer := env.login("buyer")
	page := buyer.get("/tender").Body.String()
	form := page[strings.Index(page, `<form method="post" action="/tender"`):]
	form = form[:strings.Index(form, "</form>")]
	for _, want := range []string{`name="product_search"`, `name="product_q"`, `name="text"`, `name="product_id"`, `name="insured"`} {
		if !strings.Contains(form, want) {
			t.Errorf("the checking form lacks %s", want)
		}
	}
	if strings.Contains(page, `<form method="get" action="/tender"`) {
		t.Error("a separate search form would drop the pasted text")
	}

	w := buyer.postMultipart("/tender", map[string]string{"text": tenderText, "product_id": httpx.Itoa(env.recA.ID), "insured": "true",
		"product_q": "乙认定", "product_search": "search"}, "", nil)
	body := w.Body.String()
	if w.Code != http.StatusOK || strings.Contains(body, `id="result"`) {
		t.Fatalf("search: %d, result shown: %v", w.Code, strings.Contains(body, `id="result"`))
	}
	if !strings.Contains(html.UnescapeString(body), ">"+tenderText+"</textarea>") {
		t.Error("the pasted text is not kept")
	}
	for _, want := range []string{`value="乙认定"`, `<option value="` + httpx.Itoa(env.recA.ID) + `" selected>`,
		`<option value="` + httpx.Itoa(env.recB.ID) + `">`, `name="insured" value="true" checked`} {
		if !strings.Contains(body, want) {
			t.Errorf("search page lacks %q", want)
		}
	}
	// A chosen file cannot come back; the page says so.
	w = buyer.postMultipart("/tender", map[string]string{"product_q": "甲", "product_search": "search"}, "招标文件.txt", []byte(tenderText))
	if !strings.Contains(w.Body.String(), "请重新选择") || strings.Contains(w.Body.String(), `id="result"`) {
		t.Errorf("search with a file: %d", w.Code)
	}
	// A search that is too long is shown beside its field, with the whole list.
	w = buyer.postMultipart("/tender", map[string]string{"text": tenderText, "product_q": strings.Repeat("长", 60), "product_search": "search"}, "", nil)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "搜索词") || !offered(w.Body.String())[httpx.Itoa(env.recA.ID)] {
		t.Errorf("long search: %d", w.Code)
	}
	// The check button still checks, keeping the search.
	w = buyer.postMultipart("/tender", map[string]string{"text": tenderText, "product_q": "乙认定", "check": "check"}, "", nil)
	if !strings.Contains(w.Body.String(), `id="result"`) || !strings.Contains(w.Body.String(), `value="乙认定"`) {
		t.Errorf("check after a search: %d", w.Code)
	}
}
