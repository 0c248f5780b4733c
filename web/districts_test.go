package web

import (
	"strings"
	"testing"

	"firstset/district"
	"firstset/web/ui"
)

func TestDistrictNamesAndSelect(t *testing.T) {
	if got := ui.DistrictName("500107"); got != "九龙坡区" {
		t.Errorf("districtName(500107) = %q", got)
	}
	if got := ui.DistrictName("999999"); got != "999999" {
		t.Errorf("unknown code shown as %q, want the code", got)
	}
	env := newTestEnv(t)
	page := env.login("admin").get("/enterprises/new").Body.String()
	for _, d := range district.All() {
		if !strings.Contains(page, `<option value="`+d.Code+`">`+d.Name+`</option>`) {
			t.Errorf("the district select lacks %s %s", d.Code, d.Name)
		}
	}
	if p := env.public().get(idPath("/products/{id}", env.recA.ID)).Body.String(); !strings.Contains(p, "九龙坡区") {
		t.Errorf("the product page does not name the enterprise's district")
	}
}
