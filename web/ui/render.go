package ui

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"firstset"
	"firstset/date"
	"firstset/district"
	"firstset/password"
	"firstset/policy"
	"firstset/policydoc"
	"firstset/web/httpx"
)

//go:embed templates/*.html
var templateFS embed.FS

// parsePages parses each page template together with the layout and the
// shared partials, so every page defines its own "content" block.
func parsePages(funcs template.FuncMap) (map[string]*template.Template, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("list templates: %w", err)
	}
	pages := make(map[string]*template.Template)
	for _, name := range names {
		base := strings.TrimSuffix(path.Base(name), ".html")
		if base == "layout" || strings.HasPrefix(base, "_") {
			continue
		}
		t, err := template.New(base).Funcs(funcs).ParseFS(templateFS,
			"templates/layout.html", "templates/_*.html", name)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		pages[base] = t
	}
	return pages, nil
}

// layout is what every page template receives; the page's own data is in
// Data.
type layout struct {
	Title     string
	User      *firstset.User
	CSRFToken string
	Flash     string
	Path      string
	RequestID string
	// Offers is what the viewer may open and do, for the navigation.
	Offers offers
	// Unread counts the viewer's unread notifications, for the badge in
	// the header.
	Unread int
	Data   any
}

// render writes page name with the layout. It renders into a buffer first
// so that a template error becomes a clean 500, not half a page.
func (s *Handler) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	t, ok := s.pages[name]
	if !ok {
		s.logger.ErrorContext(r.Context(), "no such page template", "template", name)
		http.Error(w, "系统内部错误", http.StatusInternalServerError)
		return
	}
	info := httpx.InfoFrom(r.Context())
	l := layout{Title: title, Path: r.URL.Path, RequestID: info.ID, Data: data}
	if a := info.Actor; a != nil {
		l.User = a.User
		l.Offers = offersFor(a)
		l.Offers.Tender = l.Offers.Tender && s.Tender != nil
		l.Unread = s.unreadCount(r)
	}
	if info.Session != nil {
		l.CSRFToken = info.Session.CSRFToken
	}
	l.Flash = s.takeFlash(w, r)
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", l); err != nil {
		s.logger.ErrorContext(r.Context(), "render page", "template", name, "request_id", info.ID, "error", err.Error())
		http.Error(w, "系统内部错误", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if l.User != nil {
		h.Set("Cache-Control", "no-store") // pages of a logged-in person stay out of shared caches
	}
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// unreadCount is the viewer's unread notifications; a failure to count
// them is logged and shows no badge rather than failing the page.
func (s *Handler) unreadCount(r *http.Request) int {
	if s.Cases == nil || httpx.ActorOf(r).IsPublic() {
		return 0 // the public has no notifications
	}
	n, err := s.Cases.UnreadCount(r.Context())
	if err != nil {
		s.logger.WarnContext(r.Context(), "count unread notifications", "error", err.Error())
		return 0
	}
	return n
}

const FlashCookie = "firstset_flash"

// setFlash leaves a one-time message for the page after a redirect.
func (s *Handler) setFlash(w http.ResponseWriter, r *http.Request, msg string) {
	http.SetCookie(w, &http.Cookie{Name: FlashCookie, Value: url.QueryEscape(msg), Path: "/",
		MaxAge: 60, HttpOnly: true, Secure: s.SecureCookies(r), SameSite: http.SameSiteLaxMode})
}

func (s *Handler) takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(FlashCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: FlashCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.SecureCookies(r), SameSite: http.SameSiteLaxMode})
	msg, err := url.QueryUnescape(c.Value)
	if err != nil {
		return ""
	}
	return msg
}

// redirectWithFlash ends a successful form post (post/redirect/get).
func (s *Handler) redirectWithFlash(w http.ResponseWriter, r *http.Request, to, msg string) {
	if msg != "" {
		s.setFlash(w, r, msg)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func (s *Handler) templateFuncs() template.FuncMap {
	return template.FuncMap{
		"districtName": DistrictName,
		"datetime": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(date.Shanghai).Format("2006-01-02 15:04")
		},
		"datetimep": func(t *time.Time) string {
			if t == nil || t.IsZero() {
				return ""
			}
			return t.In(date.Shanghai).Format("2006-01-02 15:04")
		},
		"add":               func(a, b int) int { return a + b },
		"roles":             func() []firstset.Role { return firstset.Roles },
		"statuses":          func() []firstset.ProductStatus { return firstset.ProductStatuses },
		"innovationLevels":  func() []firstset.InnovationLevel { return firstset.InnovationLevels },
		"scopesFor":         scopesFor,
		"districts":         func() []district.District { return districtList },
		"lines":             lines,
		"hasPrefix":         strings.HasPrefix,
		"dict":              dict,
		"maxCategorySort":   func() int { return firstset.MaxCategorySort },
		"passwordRule":      password.Rule,
		"eventLabel":        eventLabel,
		"stageLabel":        stageLabel,
		"assignmentLabel":   assignmentLabel,
		"sizeText":          sizeText,
		"typesText":         typesText,
		"join":              strings.Join,
		"contains":          slices.Contains[[]int64],
		"list":              func(xs ...int) []int { return xs },
		"steps":             steps,
		"clauseHref":        clauseHref,
		"articleKinds":      func() []firstset.ArticleKind { return firstset.ArticleKinds },
		"incentiveLabel":    firstset.IncentiveLabel,
		"roundStatus":       firstset.RoundStatusLabel,
		"offerState":        firstset.OfferStateLabel,
		"reasonLabel":       func(code string) string { return policy.Reason(code).Chinese() },
		"buyerKinds":        func() []firstset.BuyerKind { return firstset.BuyerKinds },
		"institutionKinds":  func() []firstset.InstitutionKind { return firstset.InstitutionKinds },
		"inspectionResults": func() []firstset.InspectionResult { return firstset.InspectionResults },
		"projectKinds":      func() []firstset.ProjectKind { return firstset.ProjectKinds },
		"methods":           func() []firstset.ProcurementMethod { return firstset.ProcurementMethods },
		"useStatuses":       func() []firstset.UseStatus { return firstset.UseStatuses },
		"programmeKinds":    func() []firstset.ProgrammeKind { return firstset.ProgrammeKinds },
	}
}

// steps reads an explanation stored as JSON, for the "steps" partial; one
// it cannot read shows as none.
func steps(raw json.RawMessage) []policy.Step {
	var out []policy.Step
	if len(raw) > 0 && json.Unmarshal(raw, &out) != nil {
		return nil
	}
	return out
}

// clauseHref is a clause's anchor in the policy library, for a clause id
// as the engine cites it (M24-2, policy.ClauseID or string).
func clauseHref(id any) string {
	s := fmt.Sprint(id)
	return "/policies/" + policydoc.DocumentOf(s) + "#" + s
}

// dict builds a map from key, value pairs, to pass several values to a
// shared template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs key, value pairs, got %d arguments", len(kv))
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// scopeOption is a scope with its label, for the token form.
type scopeOption struct {
	Scope firstset.Scope
	Label string
}

// scopesFor lists the scopes user's role may grant, so the form offers no
// choice the service would refuse.
func scopesFor(u *firstset.User) []scopeOption {
	if u == nil {
		return nil
	}
	allowed := firstset.ScopesForRole(u.Role)
	var out []scopeOption
	for _, sc := range firstset.Scopes {
		if slices.Contains(allowed, sc.Scope) {
			out = append(out, scopeOption{Scope: sc.Scope, Label: sc.Label})
		}
	}
	return out
}

// lines writes one item per line, as a textarea shows a list.
func lines(xs []string) string { return strings.Join(xs, "\n") }
