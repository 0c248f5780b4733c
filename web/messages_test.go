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

// TestRefusalsReadAsChinese: a refusal names the product's status once
// ("装备已申报", not "装备已已申报"), on the API and on the pages.
func TestRefusalsReadAsChinese(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		env.declare(env.draftA)
		api := env.token("ent-a", firstset.ScopeProductsRead, firstset.ScopeProductsWrite)
		page := env.login("ent-a")
		input := forms.ProductInputOf(env.draftA)
		for _, c := range []struct {
			p                *firstset.Product
			update, deletion string
		}{
			{env.draftA, "装备已申报，企业不能再修改申报内容。", "装备已申报，不能删除。"},
			{env.recA, "装备已认定，企业不能再修改申报内容。", "装备已认定，不能删除。"},
		} {
			body := assertAPIError(t, api.sendJSON(http.MethodPut, idPath("/api/v1/products/{id}", c.p.ID), input, nil), http.StatusConflict, firstset.ECONFLICT)
			if body.Message != c.update {
				t.Errorf("update of %s: %q, want %q", c.p.Name, body.Message, c.update)
			}
			body = assertAPIError(t, api.request(http.MethodDelete, idPath("/api/v1/products/{id}", c.p.ID), nil, nil), http.StatusConflict, firstset.ECONFLICT)
			if body.Message != c.deletion {
				t.Errorf("deletion of %s: %q, want %q", c.p.Name, body.Message, c.deletion)
			}
			form := url.Values{"name": {"x"}, "model": {"x"}, "category_id": {httpx.Itoa(env.catA.ID)}, "innovation_level": {"national"},
				"param_name": {"功率"}, "param_value": {"1"}}
			for target, want := range map[string]string{
				idPath("/products/{id}", c.p.ID):        c.update,
				idPath("/products/{id}/delete", c.p.ID): c.deletion,
			} {
				w := page.postForm(target, form)
				// The form shows the refusal above itself (422); the deletion, an error page (409).
				if text := pageText(w.Body.String()); (w.Code != http.StatusConflict && w.Code != http.StatusUnprocessableEntity) ||
					!strings.Contains(text, want) || strings.Contains(text, "已已") {
					t.Errorf("POST %s: %d, want %q", target, w.Code, want)
				}
			}
		}
	})
}
