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
	return openChromium(t, serveDemo(t))
}

// serveDemo serves the platform with the demo data set on a fresh SQLite
// database and returns its address. Without a Chromium to drive it, it
// skips as startBrowser does, before anything is set up.
func serveDemo(t *testing.T) string {
	t.Helper()
	chromiumPath(t)
	store := dbtest.SQLite(t)
	svc := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
	if _, err := demo.Load(context.Background(), svc); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.New(web.Options{
		Services: web.ServicesOf(svc),
		Ready:    store.Ping,
	}).Handler())
	t.Cleanup(srv.Close)
	return srv.URL
}

// openChromium starts Chromium with a fresh profile (cookies of its own)
// on the platform at url, closed when t ends.
func openChromium(t *testing.T, url string) *browser {
	t.Helper()
	exe := chromiumPath(t)
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
		// A cold start on a busy machine (the other packages' tests run
		// beside this one) can take longer than the default 20 s.
		chromedp.WSURLReadTimeout(90*time.Second),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	// The whole test's budget; each action has its own, shorter one.
	ctx, cancelTime := context.WithTimeout(ctx, 5*time.Minute)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	// The browser starts with the first Run, and lives as long as that
	// Run's context: start it on the test's, not on a step's.
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return &browser{t: t, ctx: ctx, url: url, dir: screenshotDir(t)}
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

// actionTimeout bounds one step, so a page that never comes fails the
// test with what was being done rather than hanging until the end.
const actionTimeout = 30 * time.Second

// step runs actions that stay on the current page.
func (b *browser) step(what string, actions ...chromedp.Action) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// submit clicks a button that loads a new page and waits for that page,
// so the next step never acts on the page being left.
func (b *browser) submit(what, sel string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(sel, chromedp.ByQuery, chromedp.NodeVisible))
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

// view saves what the window shows as name.png: much cheaper than the
// full page of a long listing, and what a person sees first.
func (b *browser) view(name string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		var buf []byte
		if err := chromedp.CaptureScreenshot(&buf).Do(ctx); err != nil {
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

// open loads target and returns the status it answered with.
func (b *browser) open(target string) (int, error) {
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(b.url+target))
	if err != nil {
		return 0, err
	}
	if resp == nil {
		return 0, nil
	}
	return int(resp.Status), nil
}

// press clicks a button that loads a new page and returns the status the
// page answered with.
func (b *browser) press(sel string) (int, error) {
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(sel, chromedp.ByQuery, chromedp.NodeVisible))
	if err != nil {
		return 0, err
	}
	if resp == nil {
		return 0, nil
	}
	return int(resp.Status), nil
}
