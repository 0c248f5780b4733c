package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"firstset/date"
	"firstset/demo"
	"firstset/document"
	"firstset/jobs"
	"firstset/mail"
	"firstset/policy"
	"firstset/service"
	"firstset/sqlstore"
	"firstset/web"
)

func serveCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", envOr("FIRSTSET_ADDR", "127.0.0.1:8080"), "address to listen on (env FIRSTSET_ADDR)")
	dsn := dbFlag(fs)
	withDemo := fs.Bool("demo", false, "fill an empty database with demo data and print the demo logins")
	memoryIndex := fs.Bool("catalog-index", true, "answer catalog searches from an index in memory, kept in step with the database (false: from the database's own index)")
	idemWait := fs.Duration("idempotency-wait", service.DefaultConfig.IdempotencyWait,
		"how long a retry under an Idempotency-Key waits for the first request's answer; a change committed that long ago without its answer is reported as unfinished, not run again (env FIRSTSET_IDEMPOTENCY_WAIT)")
	secure := fs.Bool("secure-cookies", os.Getenv("FIRSTSET_SECURE_COOKIES") == "true", "mark cookies Secure (behind a TLS proxy)")
	forwarded := fs.Bool("trust-forwarded-for", os.Getenv("FIRSTSET_TRUST_FORWARDED_FOR") == "true", "take the client address from X-Forwarded-For, for the login and objection limits (only behind a proxy that sets it; env FIRSTSET_TRUST_FORWARDED_FOR)")
	nowFlag := fs.String("now", "", "with --demo: run the clock from this day (YYYY-MM-DD, 09:00 Asia/Shanghai) to walk through time-bound stages; the database is only seeded if empty")
	smtpURL := fs.String("smtp", os.Getenv("FIRSTSET_SMTP"), "also send notifications by email: smtp://[user[:pass]@]host[:port]?from=ADDRESS[&tls=none|starttls|tls] (env FIRSTSET_SMTP)")
	fontFlag := fs.String("font", os.Getenv("FIRSTSET_FONT"), "CJK TrueType font (.ttf) for certificate PDFs (env FIRSTSET_FONT); when empty, the Debian package fonts-arphic-gbsn00lp or fonts-lxgw-wenkai at its standard path")
	signingKey := fs.String("signing-key", os.Getenv("FIRSTSET_SIGNING_KEY"), "sign certificates with the Ed25519 key in this file, created if missing (env FIRSTSET_SIGNING_KEY); when empty, the key kept in the database")
	publicURL := fs.String("public-url", os.Getenv("FIRSTSET_PUBLIC_URL"), "the platform's address as the public reaches it, carried by certificates' QR codes (env FIRSTSET_PUBLIC_URL); when empty, each request's own host")
	metricsAddr := fs.String("metrics-addr", os.Getenv("FIRSTSET_METRICS_ADDR"), "also serve /metrics without authentication on this address, for a private Prometheus (env FIRSTSET_METRICS_ADDR); on --addr /metrics needs a metrics:read token")
	oidcIssuer := fs.String("oidc-issuer", os.Getenv("FIRSTSET_OIDC_ISSUER"), "also sign staff and enterprises in through this OpenID Connect identity provider (the city's unified identity authentication), its issuer URL (env FIRSTSET_OIDC_ISSUER); the redirect URL to register is /login/oidc/callback on --public-url")
	oidcClientID := fs.String("oidc-client-id", os.Getenv("FIRSTSET_OIDC_CLIENT_ID"), "the platform's client id at --oidc-issuer (env FIRSTSET_OIDC_CLIENT_ID)")
	oidcSecret := fs.String("oidc-client-secret", os.Getenv("FIRSTSET_OIDC_CLIENT_SECRET"), "the platform's client secret at --oidc-issuer; better given in env FIRSTSET_OIDC_CLIENT_SECRET, which other users of the machine cannot read from the process list")
	if v := os.Getenv("FIRSTSET_IDEMPOTENCY_WAIT"); v != "" {
		if err := fs.Set("idempotency-wait", v); err != nil {
			fmt.Fprintf(stderr, "FIRSTSET_IDEMPOTENCY_WAIT: %v\n", err)
			return 2
		}
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *idemWait <= 0 {
		fmt.Fprintln(stderr, "--idempotency-wait must be positive")
		return 2
	}
	oidcConfig := web.OIDCConfig{Issuer: *oidcIssuer, ClientID: *oidcClientID, ClientSecret: *oidcSecret}
	if err := checkOIDC(oidcConfig); err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	var clock func() time.Time
	if *nowFlag != "" {
		if !*withDemo {
			fmt.Fprintln(stderr, "--now moves the clock of a demo only: give --demo too")
			return 2
		}
		day, err := date.Parse(*nowFlag)
		if err != nil {
			fmt.Fprintf(stderr, "--now: %v\n", err)
			return 2
		}
		clock = shiftedClock(day, time.Now)
	}
	var smtp *mail.SMTP
	if *smtpURL != "" {
		var err error
		if smtp, err = mail.ParseURL(*smtpURL); err != nil {
			fmt.Fprintf(stderr, "--smtp: %v\n", err)
			return 2
		}
	}
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	started := time.Now()

	store, err := openStore(ctx, *dsn)
	if err != nil {
		log.Error("start", "err", err)
		return 1
	}
	defer store.Close()
	cfg := service.DefaultConfig
	cfg.IdempotencyWait = *idemWait
	cfg.OIDCIssuer = oidcConfig.Issuer
	if oidcConfig.Issuer != "" && *publicURL == "" {
		log.Warn("--oidc-issuer without --public-url: the redirect URL sent to the identity provider is taken from each request's host")
	}
	// One engine: the validity the catalog shows and the calculator's
	// read the same dated parameters.
	cfg.Policy = policy.DefaultEngine()
	if smtp != nil {
		cfg.Email = func(ctx context.Context, to, subject, body string) error {
			return smtp.Send(ctx, mail.Message{To: []string{to}, Subject: subject, Body: body})
		}
	}
	if path, err := document.FindFont(*fontFlag); err != nil {
		if *fontFlag != "" {
			log.Error("font", "err", err)
			return 1
		}
		log.Warn("no CJK font: certificate PDFs are unavailable until one is installed", "err", err)
	} else if cfg.Documents.Font, err = document.LoadFont(path); err != nil {
		log.Error("font", "path", path, "err", err)
		return 1
	}
	svc := service.New(store, cfg, log)
	// The parameters administrators changed; another instance's changes
	// are picked up within a minute (a change applies from tomorrow on).
	if err := svc.LoadParameters(ctx); err != nil {
		log.Error("policy parameters", "err", err)
		return 1
	}
	go svc.WatchParameters(ctx, time.Minute)
	if *signingKey != "" {
		if err := svc.UseSigningKeyFile(ctx, *signingKey); err != nil {
			log.Error("signing key", "err", err)
			return 1
		}
	}

	if *withDemo {
		logins, err := demo.Load(ctx, svc)
		if err != nil {
			log.Error("load demo data", "err", err)
			return 1
		}
		printLogins(stdout, logins)
	}
	if clock != nil {
		// The demo is seeded on today's clock, then the clock moves, so
		// what was under way can be walked on to its deadlines.
		svc.Now = clock
		log.Info("demo clock", "now", clock().Format(time.RFC3339))
		fmt.Fprintf(stdout, "演示时钟：%s\n", clock().In(date.Shanghai).Format("2006-01-02 15:04"))
	}

	// One runner for every background job, durable in the database: on
	// several instances each period's run happens once.
	sqlDB := store.(interface{ WriteDB() *sql.DB }).WriteDB()
	if err := jobs.Migrate(ctx, sqlDB, store.Dialect()); err != nil {
		log.Error("migrate job queue", "err", err)
		return 1
	}
	runner, err := jobs.New(jobs.Config{DB: sqlDB, Dialect: store.Dialect(), Logger: log,
		Now: func() time.Time { return svc.Now() }, Jobs: platformJobs(svc, log, smtp != nil)})
	if err != nil {
		log.Error("job runner", "err", err)
		return 1
	}
	if err := runner.Start(ctx); err != nil {
		log.Error("start job runner", "err", err)
		return 1
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := runner.Stop(stopCtx); err != nil {
			log.Error("stop job runner", "err", err)
		}
	}()
	svc.UseJobRunner(jobReport{runner})

	metrics := runner.Collectors()
	if m, ok := store.(sqlstore.MemoryIndexed); ok {
		m.UseCatalogIndex(*memoryIndex)
		if *memoryIndex {
			go loadCatalogIndex(ctx, m, log)
		}
		metrics = append(metrics, catalogIndexMetrics(m)...)
	}

	srv := web.New(web.Options{PublicURL: *publicURL, OIDC: oidcConfig,
		Services: web.ServicesOf(svc),
		Ready:    store.Ping, Logger: log, Addr: *addr, SecureCookies: *secure, TrustForwardedFor: *forwarded, Metrics: metrics,
	})
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Error("listen", "addr", *addr, "err", err)
		return 1
	}
	// The metrics listener, if asked for, is opened before anything is
	// served, so a bad address stops the start cleanly.
	var ml net.Listener
	if *metricsAddr != "" {
		if ml, err = net.Listen("tcp", *metricsAddr); err != nil {
			l.Close()
			log.Error("listen for metrics", "addr", *metricsAddr, "err", err)
			return 1
		}
		if a, ok := ml.Addr().(*net.TCPAddr); ok && !a.IP.IsLoopback() {
			log.Warn("metrics are served without authentication on an address beyond this machine; keep it on a private network",
				"addr", ml.Addr().String())
		}
	}
	fmt.Fprintf(stdout, "首台套政策服务平台已启动：http://%s/ （数据库：%s，用时 %s）\n", l.Addr(), store.Dialect(), time.Since(started).Round(time.Millisecond))

	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(l) }()
	if ml != nil {
		msrv := &http.Server{Handler: srv.MetricsHandler(), ReadHeaderTimeout: 10 * time.Second}
		defer msrv.Close()
		go func() {
			if err := msrv.Serve(ml); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("serve metrics: %w", err)
			}
		}()
		fmt.Fprintf(stdout, "运行指标（无需令牌，仅供内部监控）：http://%s/metrics\n", ml.Addr())
	}
	status := 0
	select {
	case err := <-errc:
		if err == nil {
			return 0
		}
		// One listener failed: the other still finishes what it is serving.
		log.Error("serve", "err", err)
		status = 1
	case <-ctx.Done():
	}
	// Finish the requests in flight before the database closes.
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		log.Error("shutdown", "err", err)
		return 1
	}
	return status
}

// checkOIDC refuses an incomplete identity provider configuration, and an
// issuer that is not https (plain http only on this machine, for trials).
func checkOIDC(c web.OIDCConfig) error {
	if c.Issuer == "" {
		if c.ClientID != "" || c.ClientSecret != "" {
			return errors.New("--oidc-client-id and --oidc-client-secret need --oidc-issuer")
		}
		return nil
	}
	if c.ClientID == "" {
		return errors.New("--oidc-issuer needs --oidc-client-id")
	}
	u, err := url.Parse(c.Issuer)
	if err != nil || u.Host == "" {
		return fmt.Errorf("--oidc-issuer: %q is not an absolute URL", c.Issuer)
	}
	loopback := u.Hostname() == "localhost"
	if ip := net.ParseIP(u.Hostname()); ip != nil && ip.IsLoopback() {
		loopback = true
	}
	if u.Scheme != "https" && !(u.Scheme == "http" && loopback) {
		return fmt.Errorf("--oidc-issuer: %q must be https", c.Issuer)
	}
	return nil
}

// loadCatalogIndex fills the in-memory catalog index while the server
// starts answering; searches use the database's index until it is ready.
func loadCatalogIndex(ctx context.Context, m sqlstore.MemoryIndexed, log *slog.Logger) {
	started := time.Now()
	if err := m.LoadCatalogIndex(ctx); err != nil {
		if ctx.Err() == nil {
			log.Error("load catalog index", "err", err)
		}
		return
	}
	st := m.CatalogIndexStats()
	log.Info("catalog index loaded", "products", st.Products, "version", st.Version,
		"ms", time.Since(started).Milliseconds())
}

// catalogIndexMetrics are the in-memory catalog index's series.
func catalogIndexMetrics(m sqlstore.MemoryIndexed) []prometheus.Collector {
	return []prometheus.Collector{
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "firstset_catalog_searches_memory_total",
			Help: "Catalog searches and listings answered from the in-memory index.",
		}, func() float64 { return float64(m.CatalogIndexStats().FromMemory) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "firstset_catalog_searches_database_total",
			Help: "Catalog searches and listings answered from the database's index (memory not loaded, behind, or turned off).",
		}, func() float64 { return float64(m.CatalogIndexStats().FromDatabase) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "firstset_catalog_index_products",
			Help: "Products in the in-memory catalog index (0 until it is loaded).",
		}, func() float64 { return float64(m.CatalogIndexStats().Products) }),
	}
}

func printLogins(w io.Writer, logins []demo.Login) {
	if len(logins) == 0 {
		fmt.Fprintln(w, "数据库已有数据，未重复载入演示数据；演示账号如下（若未被修改）：")
		for _, u := range demo.Users() {
			fmt.Fprintf(w, "  %-10s %-24s 用户名 %-10s 密码 %s\n", u.Role, u.Role.Label(), u.Username, demo.Password)
		}
		return
	}
	fmt.Fprintln(w, "已载入演示数据。演示账号（每个角色一个）：")
	for _, l := range logins {
		fmt.Fprintf(w, "  %-10s %-24s 用户名 %-10s 密码 %s\n", l.Role, l.Role.Label(), l.Username, l.Password)
	}
}

// shiftedClock runs from 09:00 Asia/Shanghai on day, advancing with real
// time from now on.
func shiftedClock(day date.Date, now func() time.Time) func() time.Time {
	y, m, d := day.Parts()
	start := time.Date(y, m, d, 9, 0, 0, 0, date.Shanghai)
	offset := start.Sub(now())
	return func() time.Time { return now().Add(offset) }
}
