package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserJourney: an enterprise logs in and declares a product, an
// administrator recognises it, and the public finds it in the catalog.
func TestBrowserJourney(t *testing.T) {
	b := startBrowser(t)
	const name = "智能喷涂机器人工作站"
	b.login("enterprise")
	b.step("enterprise home", b.shot("01-enterprise-home"),
		chromedp.Navigate(b.url+"/products/new"),
		chromedp.WaitVisible(`#name`, chromedp.ByQuery),
		chromedp.SendKeys(`#name`, name, chromedp.ByQuery),
		chromedp.SendKeys(`#model`, "PT-R600", chromedp.ByQuery),
		chromedp.SetValue(`#category_id`, "1", chromedp.ByQuery),
		chromedp.SendKeys(`#description`, "汽车零部件涂装的六轴喷涂机器人成套工作站。", chromedp.ByQuery),
		chromedp.SendKeys(`input[name=param_name]`, "重复定位精度", chromedp.ByQuery),
		chromedp.SendKeys(`input[name=param_value]`, "0.05", chromedp.ByQuery),
		chromedp.SendKeys(`input[name=param_unit]`, "mm", chromedp.ByQuery),
		chromedp.Click(`input[name=innovation_level][value=provincial]`, chromedp.ByQuery),
		b.shot("02-product-form"))
	b.submit("save the product", `form.form button.button:not([name])`)
	var productURL, heading string
	b.step("see the new product",
		// The product page, not the form again: it offers editing the draft.
		chromedp.WaitVisible(`a[href$="/edit"]`, chromedp.ByQuery),
		chromedp.Location(&productURL),
		chromedp.Text(`h1`, &heading, chromedp.ByQuery),
		b.shot("03-product-created"))
	if !strings.Contains(heading, name) || !strings.Contains(productURL, "/products/") {
		t.Fatalf("after saving, the page is %s with heading %q", productURL, heading)
	}
	b.logout()

	b.login("admin")
	b.step("open the recognition form", chromedp.Navigate(productURL+"/recognition"),
		chromedp.WaitVisible(`#status`, chromedp.ByQuery),
		chromedp.SetValue(`#status`, "recognised", chromedp.ByQuery),
		chromedp.SetValue(`#recognized_on`, "2026-10-15", chromedp.ByQuery))
	b.submit("recognise the product", `form.form button[type=submit]`)
	b.step("see the recognised product", chromedp.WaitVisible(`a[href$="/recognition"]`, chromedp.ByQuery), b.shot("04-recognised"))
	b.logout()

	var rows string
	b.step("open the catalog", chromedp.Navigate(b.url+"/catalog"),
		chromedp.WaitVisible(`input[name=q]`, chromedp.ByQuery),
		chromedp.SendKeys(`input[name=q]`, "喷涂", chromedp.ByQuery))
	b.submit("search the catalog", `form button[type=submit]`)
	b.step("read the results", chromedp.WaitVisible(`table`, chromedp.ByQuery),
		chromedp.Text(`table`, &rows, chromedp.ByQuery), b.shot("05-catalog-search"))
	if !strings.Contains(rows, name) || !strings.Contains(rows, "2029年10月14日") {
		t.Fatalf("the public catalog search for 喷涂 shows:\n%s", rows)
	}
	t.Logf("screenshots in %s", b.dir)
}
