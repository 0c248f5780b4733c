package web

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
)

// TestCatalogStatusFilter: the public catalog lists recognised products
// only and offers no status filter; the city's staff get one that reaches
// expired and revoked products, on the page and in its export.
func TestCatalogStatusFilter(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
		on := date.Today().AddDays(-400)
		if _, err := env.svc.SetRecognition(ctx, env.recA.ID, firstset.RecognitionInput{Status: firstset.StatusExpired, RecognizedOn: on}); err != nil {
			t.Fatal(err)
		}
		if _, err := env.svc.SetRecognition(ctx, env.recB.ID, firstset.RecognitionInput{Status: firstset.StatusRevoked, RecognizedOn: on, Reason: "核查不实"}); err != nil {
			t.Fatal(err)
		}
		pub, reviewer := env.public(), env.login("reviewer")

		for _, target := range []string{"/catalog", "/catalog?status=expired", "/catalog?status=revoked"} {
			page := pub.get(target).Body.String()
			if strings.Contains(page, `name="status"`) || strings.Contains(page, env.recA.Name) || strings.Contains(page, env.recB.Name) ||
				!strings.Contains(page, "共 0 条") {
				t.Errorf("public %s offers a status filter or lists an expired or revoked product", target)
			}
		}

		page := reviewer.get("/catalog").Body.String()
		sel := regexp.MustCompile(`(?s)<label for="status">状态</label>\s*<select id="status" name="status">(.*?)</select>`).FindStringSubmatch(page)
		if sel == nil {
			t.Fatal("the staff catalog page has no status filter")
		}
		for _, opt := range []string{`<option value="">不限</option>`, `<option value="recognised">已认定</option>`,
			`<option value="expired">已过期</option>`, `<option value="revoked">已撤销</option>`} {
			if !strings.Contains(sel[1], opt) {
				t.Errorf("the status filter lacks %s: %s", opt, sel[1])
			}
		}
		for st, p := range map[firstset.ProductStatus]*firstset.Product{firstset.StatusExpired: env.recA, firstset.StatusRevoked: env.recB} {
			page := reviewer.get("/catalog?status=" + string(st)).Body.String()
			if !strings.Contains(page, p.Name) || !strings.Contains(page, "共 1 条") ||
				!strings.Contains(page, `<option value="`+string(st)+`" selected>`+st.Label()+`</option>`) {
				t.Errorf("staff catalog filtered to %s: does not list %s alone with the filter kept", st.Label(), p.Name)
			}
			w := reviewer.get("/catalog/export.xlsx?status=" + string(st))
			if _, rows := readExport(t, w, w.Body.Bytes()); len(rows) != 1 || rows[0][0] != p.Name || rows[0][7] != st.Label() {
				t.Errorf("staff export filtered to %s: %v", st.Label(), rows)
			}
		}
	})
}
