package e2e

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
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

// TestBrowserTenderCheck: a buyer pastes a tender into the checker's
// form, with no scripts on the page, and reads it back with the findings
// marked beside their suggestions.
func TestBrowserTenderCheck(t *testing.T) {
	exe := browser(t)
	store := dbtest.SQLite(t)
	svc := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
	if _, err := demo.Load(context.Background(), svc); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.New(web.Options{
		Services: web.Services{Users: svc, Enterprises: svc, Products: svc, Auth: svc, Audit: svc, Tender: svc},
		Store:    store,
	}).Handler())
	defer srv.Close()

	profile, err := os.MkdirTemp("", "firstset-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(profile)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(profile), chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	const tenderDoc = "第一章 投标人须知\n投标人须提供产品市场占有率证明。\n投标人须为重庆市本地注册企业。\n中标人须按合同价的5%缴纳质量保证金。"
	var marks int
	var firstSet string
	step := func(what string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	step("log in as a buyer",
		chromedp.Navigate(srv.URL+"/login"),
		chromedp.WaitVisible(`#username`, chromedp.ByQuery),
		chromedp.SendKeys(`#username`, "buyer", chromedp.ByQuery),
		chromedp.SendKeys(`#password`, demo.Password, chromedp.ByQuery),
		chromedp.Click(`form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`form[action="/logout"]`, chromedp.ByQuery))
	step("open the checker from the navigation",
		chromedp.Click(`nav a[href="/tender"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#text`, chromedp.ByQuery))
	step("fill in the form",
		chromedp.SetValue(`#text`, tenderDoc, chromedp.ByQuery),
		// The first catalog product the select offers.
		chromedp.Evaluate(`document.querySelector("#product_id").selectedIndex = 1`, nil),
		chromedp.Click(`input[name=insured]`, chromedp.ByQuery))
	step("check",
		chromedp.Click(`form[method=post][action="/tender"] button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#result`, chromedp.ByQuery))
	step("read the result",
		chromedp.Evaluate(`document.querySelectorAll(".tender-lines mark").length`, &marks),
		chromedp.Text(`.tender-firstset`, &firstSet, chromedp.ByQuery),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var buf []byte
			if err := chromedp.FullScreenshot(&buf, 100).Do(ctx); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(screenshotDir(t), "10-tender-check.png"), buf, 0o644)
		}))
	if marks < 3 {
		t.Errorf("%d findings marked in the document, want at least 3", marks)
	}
	if !strings.Contains(firstSet, "不再收取质量保证金") {
		t.Errorf("first-set notes: %q", firstSet)
	}
}
