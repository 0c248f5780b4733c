package e2e

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"firstset/dbtest"
	"firstset/demo"
	"firstset/service"
	"firstset/web"
)

// screenshotDir is where the journey's pictures go; FIRSTSET_SCREENSHOTS
// overrides it so CI can keep them.
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("FIRSTSET_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("..", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("screenshot dir: %v", err)
	}
	return dir
}

// browser finds Chromium on PATH; without one the test skips, except in CI.
func browser(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no chromium on PATH; browser tests are required in CI")
	}
	t.Skip("no chromium on PATH")
	return ""
}

// TestBrowserJourney: an enterprise logs in and declares a product, an
// administrator recognises it, and the public finds it in the catalog.
func TestBrowserJourney(t *testing.T) {
	exe := browser(t)
	store := dbtest.SQLite(t)
	svc := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
	if _, err := demo.Load(context.Background(), svc); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.New(web.Options{
		Services: web.Services{Users: svc, Enterprises: svc, Products: svc, Auth: svc, Audit: svc},
		Store:    store,
	}).Handler())
	defer srv.Close()

	// The profile is removed by hand: Chromium may still be writing to it
	// for a moment after it is told to quit.
	profile, err := os.MkdirTemp("", "firstset-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(profile)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 120*time.Second)
	defer cancel()

	dir := screenshotDir(t)
	step := func(what string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// submit clicks a button that loads a new page and waits for that page,
	// so the next step never acts on the page being left.
	submit := func(what, sel string) {
		t.Helper()
		resp, err := chromedp.RunResponse(ctx, chromedp.Click(sel, chromedp.ByQuery, chromedp.NodeVisible))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if resp != nil && resp.Status >= 400 {
			t.Fatalf("%s: the page answered %d", what, resp.Status)
		}
	}
	shot := func(name string) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			var buf []byte
			if err := chromedp.FullScreenshot(&buf, 100).Do(ctx); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644)
		})
	}
	login := func(user string) {
		t.Helper()
		step("open the login page", chromedp.Navigate(srv.URL+"/login"),
			chromedp.WaitVisible(`#username`, chromedp.ByQuery),
			chromedp.SendKeys(`#username`, user, chromedp.ByQuery),
			chromedp.SendKeys(`#password`, demo.Password, chromedp.ByQuery))
		submit("log in as "+user, `form button[type=submit]`)
		step("see the logged-in page", chromedp.WaitVisible(`form[action="/logout"]`, chromedp.ByQuery))
	}
	logout := func() {
		t.Helper()
		submit("log out", `form[action="/logout"] button`)
		step("see the logged-out page", chromedp.WaitVisible(`a[href^="/login"]`, chromedp.ByQuery))
	}

	const name = "智能喷涂机器人工作站"
	login("enterprise")
	step("enterprise home", shot("01-enterprise-home"),
		chromedp.Navigate(srv.URL+"/products/new"),
		chromedp.WaitVisible(`#name`, chromedp.ByQuery),
		chromedp.SendKeys(`#name`, name, chromedp.ByQuery),
		chromedp.SendKeys(`#model`, "PT-R600", chromedp.ByQuery),
		chromedp.SetValue(`#category_id`, "1", chromedp.ByQuery),
		chromedp.SendKeys(`#description`, "汽车零部件涂装的六轴喷涂机器人成套工作站。", chromedp.ByQuery),
		chromedp.SendKeys(`input[name=param_name]`, "重复定位精度", chromedp.ByQuery),
		chromedp.SendKeys(`input[name=param_value]`, "0.05", chromedp.ByQuery),
		chromedp.SendKeys(`input[name=param_unit]`, "mm", chromedp.ByQuery),
		chromedp.Click(`input[name=innovation_level][value=provincial]`, chromedp.ByQuery),
		shot("02-product-form"))
	submit("save the product", `form.form button.button:not([name])`)
	var productURL, heading string
	step("see the new product",
		// The product page, not the form again: it offers editing the draft.
		chromedp.WaitVisible(`a[href$="/edit"]`, chromedp.ByQuery),
		chromedp.Location(&productURL),
		chromedp.Text(`h1`, &heading, chromedp.ByQuery),
		shot("03-product-created"))
	if !strings.Contains(heading, name) || !strings.Contains(productURL, "/products/") {
		t.Fatalf("after saving, the page is %s with heading %q", productURL, heading)
	}
	logout()

	login("admin")
	step("open the recognition form", chromedp.Navigate(productURL+"/recognition"),
		chromedp.WaitVisible(`#status`, chromedp.ByQuery),
		chromedp.SetValue(`#status`, "recognised", chromedp.ByQuery),
		chromedp.SetValue(`#recognized_on`, "2026-10-15", chromedp.ByQuery))
	submit("recognise the product", `form.form button[type=submit]`)
	step("see the recognised product", chromedp.WaitVisible(`a[href$="/recognition"]`, chromedp.ByQuery), shot("04-recognised"))
	logout()

	var rows string
	step("open the catalog", chromedp.Navigate(srv.URL+"/catalog"),
		chromedp.WaitVisible(`input[name=q]`, chromedp.ByQuery),
		chromedp.SendKeys(`input[name=q]`, "喷涂", chromedp.ByQuery))
	submit("search the catalog", `form button[type=submit]`)
	step("read the results", chromedp.WaitVisible(`table`, chromedp.ByQuery),
		chromedp.Text(`table`, &rows, chromedp.ByQuery), shot("05-catalog-search"))
	if !strings.Contains(rows, name) || !strings.Contains(rows, "2029年10月14日") {
		t.Fatalf("the public catalog search for 喷涂 shows:\n%s", rows)
	}
	t.Logf("screenshots in %s", dir)
}
