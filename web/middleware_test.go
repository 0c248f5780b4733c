package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"firstset"
	"firstset/web/httpx"
)

// stubAuth resolves one fixed session and one fixed bearer token; the
// middleware tests need nothing more from authentication.
type stubAuth struct {
	firstset.AuthService
	user    *firstset.User
	session *firstset.Session
}

func (a stubAuth) Authenticate(ctx context.Context, token string) (*firstset.User, *firstset.Session, error) {
	if token == "good-session" {
		return a.user, a.session, nil
	}
	return nil, nil, firstset.Errorf(firstset.EUNAUTHORIZED, "会话已过期。")
}

func (a stubAuth) AuthenticateToken(ctx context.Context, bearer string) (*firstset.User, *firstset.APIToken, error) {
	if bearer == "good-token" {
		return a.user, &firstset.APIToken{ID: 9, Prefix: "fs_abc"}, nil
	}
	return nil, nil, firstset.Errorf(firstset.EUNAUTHORIZED, "令牌无效。")
}

func (a stubAuth) Logout(ctx context.Context, token string) error { return nil }

// Login accepts zhang's one password and starts the fixed session.
func (a stubAuth) Login(ctx context.Context, username, password, ip, userAgent string) (*firstset.Session, string, error) {
	if username == "zhang" && password == "Hunter2-secret" {
		return &firstset.Session{ID: 2, UserID: 7, CSRFToken: "csrf-login", ExpiresAt: time.Now().Add(time.Hour)}, "new-session-secret", nil
	}
	return nil, "", firstset.Errorf(firstset.EUNAUTHORIZED, "用户名或密码错误。")
}

// CreateToken makes a token whose secret a leaking handler would log.
func (a stubAuth) CreateToken(ctx context.Context, in firstset.TokenInput) (*firstset.APIToken, string, error) {
	return &firstset.APIToken{ID: 10, Name: in.Name, Prefix: "fs_new", Scopes: in.Scopes}, "fs_new_Token-secret", nil
}

func newStubServer(t *testing.T, opts Options) (*Server, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	var mu sync.Mutex
	opts.Logger = slog.New(slog.NewJSONHandler(&lockedWriter{w: &logs, mu: &mu}, nil))
	if opts.Auth == nil {
		opts.Auth = stubAuth{
			user:    &firstset.User{ID: 7, Username: "zhang", Name: "张三", Role: firstset.RoleEnterprise},
			session: &firstset.Session{ID: 1, UserID: 7, CSRFToken: "csrf-secret"},
		}
	}
	return New(opts), &logs
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestRequestIDIsKeptOrMade(t *testing.T) {
	s, logs := newStubServer(t, Options{})
	r := httptest.NewRequest(http.MethodGet, "/healthz", nil)
	r.Header.Set("X-Request-Id", "abc-123")
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	if got := w.Header().Get("X-Request-Id"); got != "abc-123" {
		t.Errorf("kept id = %q", got)
	}
	if !strings.Contains(logs.String(), `"request_id":"abc-123"`) {
		t.Errorf("access log lacks the request id: %s", logs.String())
	}

	r = httptest.NewRequest(http.MethodGet, "/healthz", nil)
	r.Header.Set("X-Request-Id", "bad id\nwith newline")
	w = httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	if got := w.Header().Get("X-Request-Id"); len(got) != 24 || strings.Contains(got, " ") {
		t.Errorf("made id = %q, want 24 hex characters", got)
	}
}

func TestSecurityHeaders(t *testing.T) {
	s, _ := newStubServer(t, Options{})
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/login", nil))
	h := w.Header()
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "http") {
		t.Errorf("CSP = %q", csp)
	}
	for k, want := range map[string]string{"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"} {
		if got := h.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
}

func TestAccessLogLeaksNoSecrets(t *testing.T) {
	s, logs := newStubServer(t, Options{})
	form := url.Values{"username": {"zhang"}, "password": {"Hunter2-secret"}}
	r := httptest.NewRequest(http.MethodPost, "/api/v1/tokens?password=Query-secret", strings.NewReader(`{"name":"Body-secret"}`))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", "Bearer good-token")
	r.Header.Set("Cookie", httpx.SessionCookie+"=Cookie-secret")
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	// The handlers must really run, or a handler that logs a secret
	// would go unnoticed.
	if w.Code != http.StatusCreated || !strings.Contains(w.Body.String(), "Token-secret") {
		t.Fatalf("token create: status %d, body %s", w.Code, w.Body.String())
	}
	// The login form comes from the login page, with its pre-session.
	w = httptest.NewRecorder()
	s.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/login", nil))
	preSession := w.Result().Cookies()[0]
	form.Set(httpx.CSRFField, csrfFieldPattern.FindStringSubmatch(w.Body.String())[1])
	r = httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.AddCookie(preSession)
	w = httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	if setCookies := strings.Join(w.Header().Values("Set-Cookie"), "\n"); w.Code != http.StatusSeeOther || !strings.Contains(setCookies, "new-session-secret") {
		t.Fatalf("login: status %d, Set-Cookie %q, body %s", w.Code, setCookies, w.Body.String())
	}

	out := logs.String()
	for _, secret := range []string{"good-token", "Hunter2", "Query-secret", "Body-secret", "Cookie-secret", "Token-secret", "new-session-secret", "csrf-", preSession.Value} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q:\n%s", secret, out)
		}
	}
	if !strings.Contains(out, `"route":"POST /api/v1/tokens"`) || !strings.Contains(out, `"user_id":7`) {
		t.Errorf("log lacks route or user: %s", out)
	}
}

func TestBodyLimit(t *testing.T) {
	s, _ := newStubServer(t, Options{MaxBodyBytes: 1024})
	big := `{"name":"` + strings.Repeat("x", 4096) + `"}`

	// Announced by Content-Length: refused before any handler runs.
	r := httptest.NewRequest(http.MethodPost, "/api/v1/products", strings.NewReader(big))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", "Bearer good-token")
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	assertAPIError(t, w, http.StatusRequestEntityTooLarge, firstset.ETOOLARGE)
	if !strings.Contains(w.Body.String(), "1 KiB") {
		t.Errorf("message does not state the limit: %s", w.Body.String())
	}

	// Streamed without a length: refused when read.
	r = httptest.NewRequest(http.MethodPost, "/api/v1/products", io.MultiReader(strings.NewReader(big)))
	r.ContentLength = -1
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", "Bearer good-token")
	w = httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	assertAPIError(t, w, http.StatusRequestEntityTooLarge, firstset.ETOOLARGE)

	// A form page answers with a page.
	r = httptest.NewRequest(http.MethodPost, "/login", strings.NewReader("username="+strings.Repeat("x", 4096)))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w = httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), "提交内容过大") {
		t.Errorf("form: status %d, body %s", w.Code, w.Body.String())
	}
}

func TestPanicsBecomeLogged500s(t *testing.T) {
	s, logs := newStubServer(t, Options{})
	boom := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		httpx.InfoFrom(r.Context()).Pattern = "GET /boom"
		panic("boom at the handler")
	})
	h := s.withRequestID(s.observe(s.recoverPanics(boom)))

	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/v1/boom", nil))
	body := assertAPIError(t, w, http.StatusInternalServerError, firstset.EINTERNAL)
	if strings.Contains(body.Message, "boom") {
		t.Errorf("the panic value reached the client: %q", body.Message)
	}

	w = httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/boom", nil))
	if w.Code != 500 || !strings.Contains(w.Header().Get("Content-Type"), "text/html") || !strings.Contains(w.Body.String(), "系统错误") {
		t.Errorf("page: %d %s", w.Code, w.Body.String())
	}
	if !strings.Contains(logs.String(), "boom at the handler") || !strings.Contains(logs.String(), `"status":500`) {
		t.Errorf("panic not logged: %s", logs.String())
	}
}

func TestHealthAndReadiness(t *testing.T) {
	var dbErr error
	s, _ := newStubServer(t, Options{Ready: func(context.Context) error { return dbErr }})
	get := func(path string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		return w
	}
	if w := get("/healthz"); w.Code != 200 {
		t.Errorf("healthz = %d", w.Code)
	}
	if w := get("/readyz"); w.Code != 200 {
		t.Errorf("readyz = %d", w.Code)
	}
	dbErr = errors.New("connection refused")
	if w := get("/readyz"); w.Code != http.StatusServiceUnavailable {
		t.Errorf("readyz with the database down = %d", w.Code)
	}
	if w := get("/healthz"); w.Code != 200 {
		t.Errorf("healthz must not depend on the database: %d", w.Code)
	}
}

func TestMetricsCountByRoutePattern(t *testing.T) {
	s, _ := newStubServer(t, Options{})
	for _, p := range []string{"/healthz", "/healthz", "/no/such/page"} {
		s.Handler().ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, p, nil))
	}
	w := httptest.NewRecorder()
	s.MetricsHandler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	out := w.Body.String()
	for _, want := range []string{
		`firstset_http_requests_total{route="GET /healthz",status="200"} 2`,
		`firstset_http_requests_total{route="/",status="404"} 1`,
		`firstset_http_request_duration_seconds_bucket{route="GET /healthz",status="200"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestCSRFTokenRequiredForCookieRequests(t *testing.T) {
	s, _ := newStubServer(t, Options{})
	post := func(form url.Values, header map[string]string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/logout", strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range header {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, r)
		return w
	}
	cookie := map[string]string{"Cookie": httpx.SessionCookie + "=good-session"}
	if w := post(url.Values{}, cookie); w.Code != http.StatusForbidden {
		t.Errorf("no token: %d", w.Code)
	}
	if w := post(url.Values{httpx.CSRFField: {"wrong"}}, cookie); w.Code != http.StatusForbidden {
		t.Errorf("wrong token: %d", w.Code)
	}
	if w := post(url.Values{httpx.CSRFField: {"csrf-secret"}}, cookie); w.Code != http.StatusSeeOther {
		t.Errorf("right token: %d", w.Code)
	}
	foreign := map[string]string{"Cookie": httpx.SessionCookie + "=good-session", "Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
	if w := post(url.Values{httpx.CSRFField: {"csrf-secret"}}, foreign); w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), "跨站") {
		t.Errorf("foreign origin with the right token: %d", w.Code)
	}
}

func TestBadBearerTokenIs401(t *testing.T) {
	s, _ := newStubServer(t, Options{})
	r := httptest.NewRequest(http.MethodGet, "/api/v1/me", nil)
	r.Header.Set("Authorization", "Bearer nope")
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	assertAPIError(t, w, http.StatusUnauthorized, firstset.EUNAUTHORIZED)
	if !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("WWW-Authenticate = %q", w.Header().Get("WWW-Authenticate"))
	}
}

func TestGracefulShutdownFinishesRequests(t *testing.T) {
	s, _ := newStubServer(t, Options{Ready: func(ctx context.Context) error {
		time.Sleep(300 * time.Millisecond) // a slow database answer, in flight at shutdown
		return nil
	}})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- s.Serve(l) }()

	type result struct {
		status int
		err    error
	}
	done := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + l.Addr().String() + "/readyz")
		if err != nil {
			done <- result{err: err}
			return
		}
		resp.Body.Close()
		done <- result{status: resp.StatusCode}
	}()
	time.Sleep(100 * time.Millisecond) // let the request reach the handler
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if res := <-done; res.err != nil || res.status != 200 {
		t.Errorf("in-flight request: %+v", res)
	}
	if err := <-served; err != nil {
		t.Errorf("serve returned %v", err)
	}
	if _, err := http.Get("http://" + l.Addr().String() + "/healthz"); err == nil {
		t.Errorf("server still accepts connections after shutdown")
	}
}

// assertAPIError checks an error answer's status, shape and code.
func assertAPIError(t *testing.T, w *httptest.ResponseRecorder, status int, code string) httpx.APIErrorBody {
	t.Helper()
	if w.Code != status {
		t.Errorf("status = %d, want %d; body %s", w.Code, status, w.Body.String())
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("content type = %q", ct)
	}
	var body httpx.APIError
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatalf("error body %q: %v", w.Body.String(), err)
	}
	if body.Error.Code != code || body.Error.Message == "" {
		t.Errorf("error = %+v, want code %q", body.Error, code)
	}
	return body.Error
}

func TestSessionCookieSecureOnTLSOrWhenAsked(t *testing.T) {
	cookieOf := func(s *Server, r *http.Request) *http.Cookie {
		w := httptest.NewRecorder()
		s.base.SetSessionCookie(w, r, "tok", time.Now().Add(time.Hour))
		return w.Result().Cookies()[0]
	}
	plain, _ := newStubServer(t, Options{})
	if c := cookieOf(plain, httptest.NewRequest(http.MethodPost, "http://example.com/login", nil)); c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
		t.Errorf("plain HTTP cookie: %+v", c)
	}
	if c := cookieOf(plain, httptest.NewRequest(http.MethodPost, "https://example.com/login", nil)); !c.Secure {
		t.Errorf("TLS request without Secure: %+v", c)
	}
	behindProxy, _ := newStubServer(t, Options{SecureCookies: true})
	if c := cookieOf(behindProxy, httptest.NewRequest(http.MethodPost, "http://example.com/login", nil)); !c.Secure {
		t.Errorf("SecureCookies option ignored: %+v", c)
	}
}
