package e2e

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"firstset/dbtest"
	"firstset/demo"
	"firstset/service"
	"firstset/web"
)

// browser is one Chromium tab driving a platform served for the test, on a
// fresh SQLite database holding the demo data set.
type browser struct {
	t   *testing.T
	ctx context.Context
	url string // the platform's base URL
	dir string // where screenshots go
}

// startBrowser serves the platform and opens Chromium on it; without a
// Chromium on PATH the test skips, except in CI where it fails.
func startBrowser(t *testing.T) *browser {
	t.Helper()
	exe := chromiumPath(t)
	store := dbtest.SQLite(t)
	svc := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
	if _, err := demo.Load(context.Background(), svc); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.New(web.Options{
		Services: web.Services{Users: svc, Enterprises: svc, Products: svc, Auth: svc, Audit: svc, Tender: svc, Idempotency: svc},
		Store:    store,
	}).Handler())
	t.Cleanup(srv.Close)

	// The profile is removed by hand, ignoring errors: Chromium may still be
	// writing to it for a moment after it is told to quit.
	profile, err := os.MkdirTemp("", "firstset-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(profile) })
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
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	return &browser{t: t, ctx: ctx, url: srv.URL, dir: screenshotDir(t)}
}

// chromiumPath finds Chromium on PATH.
func chromiumPath(t *testing.T) string {
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

// screenshotDir is where the pictures go; FIRSTSET_SCREENSHOTS overrides it
// so CI can keep them.
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

// step runs actions that stay on the current page.
func (b *browser) step(what string, actions ...chromedp.Action) {
	b.t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// submit clicks a button that loads a new page and waits for that page,
// so the next step never acts on the page being left.
func (b *browser) submit(what, sel string) {
	b.t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, chromedp.Click(sel, chromedp.ByQuery, chromedp.NodeVisible))
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	if resp != nil && resp.Status >= 400 {
		b.t.Fatalf("%s: the page answered %d", what, resp.Status)
	}
}

// shot saves a full-page screenshot as name.png.
func (b *browser) shot(name string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		var buf []byte
		if err := chromedp.FullScreenshot(&buf, 100).Do(ctx); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(b.dir, name+".png"), buf, 0o644)
	})
}

// login signs in as a demo user through the login form.
func (b *browser) login(user string) {
	b.t.Helper()
	b.step("open the login page", chromedp.Navigate(b.url+"/login"),
		chromedp.WaitVisible(`#username`, chromedp.ByQuery),
		chromedp.SendKeys(`#username`, user, chromedp.ByQuery),
		chromedp.SendKeys(`#password`, demo.Password, chromedp.ByQuery))
	b.submit("log in as "+user, `form button[type=submit]`)
	b.step("see the logged-in page", chromedp.WaitVisible(`form[action="/logout"]`, chromedp.ByQuery))
}

// logout signs out through the header's form.
func (b *browser) logout() {
	b.t.Helper()
	b.submit("log out", `form[action="/logout"] button`)
	b.step("see the logged-out page", chromedp.WaitVisible(`a[href^="/login"]`, chromedp.ByQuery))
}
