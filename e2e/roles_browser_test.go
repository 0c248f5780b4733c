package e2e

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"firstset/demo"
)

// TestBrowserEveryPageAsEveryRole walks the demo site in Chromium as the
// public and as every demo role: from the home page, every kind of page
// its links reach is opened (the first link of each kind; the HTTP test
// in web follows every link) and must not be refused, and each kind of
// form that creates or changes something, pressed as the page shows it,
// must be let in. One screenshot per role and kind of page.
func TestBrowserEveryPageAsEveryRole(t *testing.T) {
	url := serveDemo(t)
	visitors := make(chan string, len(demo.Users())+1)
	visitors <- ""
	for _, u := range demo.Users() {
		visitors <- u.Username
	}
	close(visitors)
	// Two Chromiums side by side, each taking the next visitor.
	t.Run("lanes", func(t *testing.T) {
		for lane := range 2 {
			t.Run(fmt.Sprint("lane", lane+1), func(t *testing.T) {
				t.Parallel()
				tab := openChromium(t, url)
				for role := range visitors {
					who := cmpOr(role, "public")
					t.Run(who, func(t *testing.T) {
						tab.t = t
						if role != "" {
							tab.login(role)
						}
						kinds := tab.walk(who)
						if role != "" {
							tab.logout()
						}
						t.Logf("%d kinds of page", len(kinds))
					})
				}
			})
		}
	})
	t.Logf("screenshots in %s", screenshotDir(t))
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

var digits = regexp.MustCompile(`/\d+`)

// kindOf groups pages by route: numbers and the query left out.
func kindOf(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return target
	}
	return digits.ReplaceAllString(u.Path, "/{id}")
}

// walk opens the first page of each kind reachable from "/", checking
// each answer, presses the forms found there (see pressForms) and returns
// the kinds seen.
func (b *browser) walk(who string) map[string]bool {
	b.t.Helper()
	kinds := map[string]bool{}
	pressed := map[string]bool{}
	queue := []string{"/"}
	for len(queue) > 0 {
		target := queue[0]
		queue = queue[1:]
		kind := kindOf(target)
		if kinds[kind] {
			continue
		}
		kinds[kind] = true
		if isDownload(kind) {
			continue // a download, not a page; the web tests read it
		}
		status, err := b.open(target)
		if err != nil {
			b.t.Errorf("%s: open %s: %v", who, target, err)
			continue
		}
		if status >= 400 {
			b.t.Errorf("%s: %s answers %d", who, target, status)
		}
		var hrefs, actions []string
		b.step("read the links and forms of "+target,
			chromedp.Evaluate(`Array.from(document.querySelectorAll("a[href]"), a => a.getAttribute("href"))`, &hrefs),
			chromedp.Evaluate(`Array.from(document.querySelectorAll("form[method=post]"), f => f.getAttribute("action"))`, &actions),
			b.view(screenshotName(who, kind)))
		for _, h := range hrefs {
			if strings.HasPrefix(h, "/") && !strings.HasPrefix(h, "/static/") {
				queue = append(queue, h)
			}
		}
		b.pressForms(who, target, actions, pressed)
	}
	return kinds
}

// pressForms presses the submit button of each kind of form on page, as
// the page shows it, that creates or changes something and was not
// pressed yet, and checks the service let the role in: the answer is the
// next page or the form again with its errors, never a refusal. Logging
// in and out and deleting are the journey's and the web tests' (which
// press every one); an export downloads rather than loads a page.
func (b *browser) pressForms(who, page string, actions []string, pressed map[string]bool) {
	b.t.Helper()
	onPage := true
	for _, action := range actions {
		kind := kindOf(action)
		if pressed[kind] || action == "/login" || action == "/logout" || strings.HasSuffix(action, "/delete") || strings.HasSuffix(action, ".xlsx") {
			continue
		}
		pressed[kind] = true
		if !onPage {
			if _, err := b.open(page); err != nil { // the page again, unchanged
				b.t.Errorf("%s: reopen %s: %v", who, page, err)
				continue
			}
		}
		onPage = false
		// The form's main button: secondary ones (add a row, search for a
		// product) are light, unless the form has only a light one (sending
		// an allocation back).
		form := fmt.Sprintf(`form[method=post][action=%q]`, action)
		sel := form + ` button[type=submit]:not(.button-light)`
		var main int
		b.step("count the main buttons of "+action, chromedp.Evaluate(fmt.Sprintf(`document.querySelectorAll(%q).length`, sel), &main))
		if main == 0 {
			sel = form + ` button[type=submit]`
		}
		status, err := b.press(sel)
		switch {
		case err != nil:
			b.t.Errorf("%s: press the button of %s on %s: %v", who, action, page, err)
		case status == 401 || status == 403 || status == 404 || status == 409 || status >= 500:
			b.t.Errorf("%s: the form %s on %s answers %d", who, action, page, status)
		}
	}
}

// isDownload reports whether a kind of link downloads a file rather
// than opening a page: exports, a case's materials, a draw's candidates,
// certificates, the API's answers linked from pages (the key ring) and
// the Atom feed.
func isDownload(kind string) bool {
	return strings.HasPrefix(kind, "/api/") || strings.HasSuffix(kind, ".atom") || strings.HasSuffix(kind, ".xlsx") || strings.HasSuffix(kind, ".pdf") || strings.HasSuffix(kind, ".json") || strings.Contains(kind, "/attachments/")
}

// screenshotName is a file name for a role's page of a kind.
func screenshotName(who, kind string) string {
	name := strings.Trim(strings.NewReplacer("/", "-", "{id}", "n", ".", "-").Replace(kind), "-")
	if name == "" {
		name = "home"
	}
	return "roles-" + who + "-" + name
}

// TestBrowserNarrowScreenCards: at 375 px the catalog and the other
// listings become cards, with each product's status and validity on
// screen, and no page is wider than the screen.
func TestBrowserNarrowScreenCards(t *testing.T) {
	b := startBrowser(t)
	b.step("a phone's screen", chromedp.EmulateViewport(375, 812, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	check := func(target, what string, products bool) {
		t.Helper()
		if status, err := b.open(target); err != nil || status != 200 {
			t.Fatalf("open %s: %d %v", target, status, err)
		}
		// Each row's status and validity, found by their column headers,
		// must be on screen where the row is: inside the window and not
		// hidden in a box that scrolls sideways.
		var report struct {
			Rows, Visible int
			Offscreen     []string
			ScrollWidth   int
		}
		b.step("measure "+target, chromedp.Evaluate(`(() => {
			const r = {Rows: 0, Visible: 0, Offscreen: [], ScrollWidth: document.documentElement.scrollWidth};
			for (const table of document.querySelectorAll("main table")) {
				const heads = Array.from(table.querySelectorAll(":scope > thead th"), th => th.textContent.trim());
				const cols = ["状态", "有效期至"].map(h => heads.indexOf(h));
				if (cols.includes(-1)) continue;
				for (const tr of table.querySelectorAll(":scope > tbody > tr")) {
					r.Rows++;
					let ok = true;
					for (const i of cols) {
						const td = tr.children[i];
						window.scrollTo(0, td.getBoundingClientRect().top + window.scrollY - 100);
						const box = td.getBoundingClientRect();
						const x = box.left + Math.min(box.width / 2, 20), y = box.top + box.height / 2;
						const seen = box.width > 0 && box.left >= 0 && box.right <= window.innerWidth &&
							td.contains(document.elementFromPoint(x, y));
						if (!seen) {
							ok = false;
							r.Offscreen.push(heads[i] + " at " + Math.round(box.left) + "–" + Math.round(box.right) + " px");
						}
					}
					if (ok) r.Visible++;
				}
			}
			window.scrollTo(0, 0);
			return r;
		})()`, &report), b.view("narrow-"+what))
		if products && (report.Rows == 0 || report.Visible != report.Rows) {
			t.Errorf("%s at 375 px: %d of %d products show status and validity on screen; off screen: %v",
				target, report.Visible, report.Rows, report.Offscreen[:min(4, len(report.Offscreen))])
		}
		if report.ScrollWidth > 375 {
			t.Errorf("%s at 375 px is %d px wide: it scrolls sideways", target, report.ScrollWidth)
		}
	}
	check("/catalog", "catalog", true)
	check("/", "home-public", true)
	b.login("reviewer")
	check("/products", "products", true)
	check("/", "home-reviewer", true)
	b.logout()
	b.login("admin")
	check("/admin/audit", "audit", false)
	check("/admin/users", "users", false)
	b.logout()
	b.step("back to a desktop screen", emulation.ClearDeviceMetricsOverride())
}
