package web

import (
	"bytes"
	"context"
	"html"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"firstset"
	"firstset/demo"
	"firstset/password"
	"firstset/service"
)

// newDemoEnv serves the demo data set on store, with every demo account's
// password set to the tests' one so that env.login signs them in.
func newDemoEnv(t *testing.T, store firstset.Store) *testEnv {
	t.Helper()
	logger := slog.New(slog.DiscardHandler)
	cfg := service.DefaultConfig
	cfg.Documents.Font = certificateFont(t)
	svc := service.New(store, cfg, logger)
	ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	if _, err := demo.Load(ctx, svc); err != nil {
		t.Fatalf("demo data: %v", err)
	}
	// One hash for all: hashing is slow on purpose.
	hash, err := password.Hash(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	err = store.Update(ctx, func(tx firstset.Tx) error {
		users, _, err := tx.ListUsers(ctx, firstset.UserFilter{})
		for _, u := range users {
			u.PasswordHash = hash
			if err := tx.UpdateUser(ctx, u); err != nil {
				return err
			}
		}
		return err
	})
	if err != nil {
		t.Fatalf("demo passwords: %v", err)
	}
	env := &testEnv{t: t, svc: svc, store: store, spec: newOpenAPIChecker(t)}
	env.srv = New(Options{
		Services: ServicesOf(svc),
		Ready:    store.Ping, Logger: logger, MaxBodyBytes: 64 << 10,
	})
	return env
}

// demoUsernames are the demo accounts, one per role.
func demoUsernames() []string {
	var names []string
	for _, u := range demo.Users() {
		names = append(names, u.Username)
	}
	return names
}

// pageForm is a form as a browser would submit it unchanged.
type pageForm struct {
	Method, Action, Enctype string
	Values                  url.Values
	Page                    string // where it was found
}

// parsePage collects a page's links and forms.
func parsePage(t *testing.T, body string) (links []string, forms []pageForm) {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse page: %v", err)
	}
	attr := func(n *xhtml.Node, key string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == key {
				return a.Val, true
			}
		}
		return "", false
	}
	var form *pageForm
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			name, _ := attr(n, "name")
			switch n.Data {
			case "a":
				if href, ok := attr(n, "href"); ok {
					links = append(links, href)
				}
			case "form":
				method, _ := attr(n, "method")
				action, _ := attr(n, "action")
				enctype, _ := attr(n, "enctype")
				forms = append(forms, pageForm{Method: strings.ToUpper(cmpOr(method, "GET")), Action: action,
					Enctype: enctype, Values: url.Values{}})
				form = &forms[len(forms)-1]
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
				form = nil
				return
			case "input":
				typ, _ := attr(n, "type")
				value, _ := attr(n, "value")
				_, checked := attr(n, "checked")
				switch {
				case form == nil || name == "" || typ == "submit" || typ == "file":
				case (typ == "checkbox" || typ == "radio") && !checked:
				default:
					form.Values.Add(name, value)
				}
			case "textarea":
				if form != nil && name != "" {
					var text strings.Builder
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						text.WriteString(c.Data)
					}
					form.Values.Add(name, text.String())
				}
			case "select":
				if form != nil && name != "" {
					form.Values.Add(name, selectedOption(n, attr))
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return links, forms
}

// selectedOption is the value a select submits: the selected option, or
// the first.
func selectedOption(sel *xhtml.Node, attr func(*xhtml.Node, string) (string, bool)) string {
	var first, chosen *xhtml.Node
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == "option" {
			if first == nil {
				first = n
			}
			if _, ok := attr(n, "selected"); ok && chosen == nil {
				chosen = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(sel)
	if chosen == nil {
		chosen = first
	}
	if chosen == nil {
		return ""
	}
	if v, ok := attr(chosen, "value"); ok {
		return v
	}
	if chosen.FirstChild != nil {
		return strings.TrimSpace(chosen.FirstChild.Data)
	}
	return ""
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// crawl is what one visitor met: every page reached from the home page
// by following links, and every form on them.
type crawl struct {
	Pages  map[string]int // path and query → status
	Forms  []pageForm
	Refers map[string]string // page → the page that linked to it
}

// crawlSite follows every link on the site from "/", as c, once each.
func crawlSite(t *testing.T, c *client) *crawl {
	t.Helper()
	cr := &crawl{Pages: map[string]int{}, Refers: map[string]string{"/": "(start)"}}
	seenForm := map[string]bool{}
	queue := []string{"/"}
	for len(queue) > 0 && len(cr.Pages) < 2000 {
		target := queue[0]
		queue = queue[1:]
		if _, done := cr.Pages[target]; done {
			continue
		}
		w := c.get(target)
		cr.Pages[target] = w.Code
		if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
			continue
		}
		links, forms := parsePage(t, w.Body.String())
		for _, href := range links {
			u, err := url.Parse(href)
			if err != nil || u.IsAbs() || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "/static/") {
				continue // the skip link (#main), stylesheets
			}
			next := u.Path
			if u.RawQuery != "" {
				next += "?" + u.RawQuery
			}
			if _, done := cr.Pages[next]; !done {
				if _, queued := cr.Refers[next]; !queued {
					cr.Refers[next] = target
				}
				queue = append(queue, next)
			}
		}
		for _, f := range forms {
			f.Page = target
			key := f.Method + " " + f.Action
			if f.Method == http.MethodGet || !seenForm[key] {
				seenForm[key] = true
				cr.Forms = append(cr.Forms, f)
			}
		}
	}
	return cr
}

// pageText is a page's visible text, tags dropped.
func pageText(page string) string {
	text := regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(page, " ")
	return strings.Join(strings.Fields(html.UnescapeString(text)), " ")
}

// pattern is a path with its numbers replaced, to group pages by route.
var numbers = regexp.MustCompile(`/\d+`)

func pattern(path string) string {
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	return numbers.ReplaceAllString(path, "/{id}")
}

// submit sends f as a browser would: a GET form's values in the query, a
// POST form's in its encoding.
func submit(t *testing.T, c *client, f pageForm) *httptest.ResponseRecorder {
	t.Helper()
	if f.Method == http.MethodGet {
		return c.get(f.Action + "?" + f.Values.Encode())
	}
	if f.Enctype != "multipart/form-data" {
		return c.postForm(f.Action, f.Values)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range f.Values {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return c.request(http.MethodPost, f.Action, &body, http.Header{"Content-Type": {mw.FormDataContentType()}})
}

// formAnswerAllowed reports whether a form's answer says the service let
// the caller in: it did the work (303), showed a page (200), or only
// found the (unchanged, often blank) input wanting (400, 422).
func formAnswerAllowed(code int) bool {
	return slices.Contains([]int{http.StatusOK, http.StatusSeeOther, http.StatusBadRequest, http.StatusUnprocessableEntity}, code)
}
