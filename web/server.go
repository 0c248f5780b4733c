// Package web serves the platform over HTTP. It assembles the pages
// (web/ui, in Chinese for people) and the JSON API under /api/v1 (web/api,
// for programs) behind one middleware chain; both call the same domain
// services, so every access rule is enforced in one place.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"firstset/policy"
	"firstset/web/httpx"
	"firstset/web/ui"
)

// Services are the domain services the server calls.
type Services = httpx.Services

// OIDCConfig names the identity provider to sign in through.
type OIDCConfig = httpx.OIDCConfig

// ServicesOf hands every service of all to the server.
func ServicesOf(all httpx.AllServices) Services { return httpx.ServicesOf(all) }

// Options configure a Server.
type Options struct {
	Services
	Logger *slog.Logger
	// Addr is where ListenAndServe listens, ":8080" when empty.
	Addr string
	// Ready reports whether the database answers (GET /readyz), typically
	// the store's Ping; the HTTP layer reaches storage only through the
	// services, so it is given this one function, not the store.
	Ready func(context.Context) error
	// SecureCookies marks cookies Secure even on plain HTTP, for servers
	// behind a TLS-terminating proxy.
	SecureCookies bool
	// TrustForwardedFor takes the client address from X-Forwarded-For, for
	// servers behind a proxy that sets it.
	TrustForwardedFor bool
	// PublicURL is the platform's public address, for certificates' QR
	// codes; each request's own host when empty.
	PublicURL string
	// MaxBodyBytes caps request bodies; 1 MiB when zero.
	MaxBodyBytes int64
	// MaxUploadBytes caps an uploaded tender document; 10 MiB when zero.
	MaxUploadBytes int64
	// MaxAttachmentBytes caps a case attachment; 20 MiB when zero.
	MaxAttachmentBytes int64
	// SessionMaxAge is the session cookie's lifetime; 12 hours when zero.
	SessionMaxAge time.Duration
	// TrustedOrigins are other origins allowed to send unsafe requests,
	// such as "https://firstset.example.gov.cn" behind a rewriting proxy.
	TrustedOrigins []string
	// Policy fixes the calculator's engine; when nil the calculator uses
	// the services' engine in force (Services.Engine), which follows the
	// stored parameter changes, or else policy.DefaultEngine().
	Policy *policy.Engine
	// Metrics are more series for /metrics, such as the store's.
	Metrics []prometheus.Collector
	// OIDC is the city's unified identity provider to sign in through,
	// beside the passwords; none when its Issuer is empty. The redirect URL
	// to register is httpx.OIDCCallbackPath on PublicURL.
	OIDC httpx.OIDCConfig
}

// Server is the HTTP server of the platform.
type Server struct {
	base      *httpx.Base // shared with the pages and the API
	opts      Options
	logger    *slog.Logger
	handler   http.Handler
	ui        *ui.Handler
	metrics   *metrics
	idemLocks keyedMutex
	engine    func() *policy.Engine
	// patterns are the registered routes, in order, for the route-by-role
	// test to hold each to its access rule.
	patterns []string

	mu  sync.Mutex
	srv *http.Server
}

// New builds a server; it panics on a broken embedded template or an
// invalid trusted origin, both programming errors found at start-up.
func New(opts Options) *Server {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Addr == "" {
		opts.Addr = ":8080"
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 1 << 20
	}
	if opts.MaxUploadBytes <= 0 {
		opts.MaxUploadBytes = 10 << 20
	}
	if opts.MaxAttachmentBytes <= 0 {
		opts.MaxAttachmentBytes = 20 << 20
	}
	if opts.SessionMaxAge <= 0 {
		opts.SessionMaxAge = 12 * time.Hour
	}
	s := &Server{opts: opts, logger: opts.Logger, metrics: newMetrics(opts.Metrics...)}
	s.base = &httpx.Base{
		Services:           opts.Services,
		Logger:             opts.Logger,
		ServeError:         s.serveError,
		MaxBodyBytes:       opts.MaxBodyBytes,
		MaxUploadBytes:     opts.MaxUploadBytes,
		MaxAttachmentBytes: opts.MaxAttachmentBytes,
		SessionMaxAge:      opts.SessionMaxAge,
		ForceSecureCookies: opts.SecureCookies,
		TrustForwardedFor:  opts.TrustForwardedFor,
		PublicURL:          opts.PublicURL,
		OIDC:               httpx.NewOIDC(opts.OIDC),
	}
	switch {
	case opts.Policy != nil:
		fixed := opts.Policy
		s.engine = func() *policy.Engine { return fixed }
	case opts.Services.Engine != nil:
		s.engine = opts.Services.Engine
	default:
		fixed := policy.DefaultEngine()
		s.engine = func() *policy.Engine { return fixed }
	}
	pages, err := ui.New(s.base, s.engine)
	if err != nil {
		panic(fmt.Errorf("web: %w", err))
	}
	s.ui = pages
	h, err := s.buildHandler()
	if err != nil {
		panic(fmt.Errorf("web: build handler: %w", err))
	}
	s.handler = h
	return s
}

// Handler is the server's whole HTTP handler, middleware included.
func (s *Server) Handler() http.Handler { return s.handler }

// ListenAndServe listens on Options.Addr and serves until Shutdown.
func (s *Server) ListenAndServe() error {
	l, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.opts.Addr, err)
	}
	return s.Serve(l)
}

// Serve serves on l until Shutdown; it returns nil after a clean shutdown.
func (s *Server) Serve(l net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
	}
	s.mu.Lock()
	s.srv = srv
	s.mu.Unlock()
	s.logger.Info("http server listening", "addr", l.Addr().String())
	if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve http: %w", err)
	}
	return nil
}

// Shutdown stops accepting connections and waits, until ctx ends, for the
// requests in flight to finish.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	srv := s.srv
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	if err := srv.Shutdown(ctx); err != nil {
		return fmt.Errorf("shut down http server: %w", err)
	}
	s.logger.Info("http server stopped")
	return nil
}
