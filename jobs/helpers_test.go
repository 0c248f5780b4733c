package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"firstset/postgres"
	"firstset/postgres/pgtest"
	"firstset/sqlite"
)

// testDB is a migrated database (the application's tables and river's) with
// an effects table the test jobs write to.
type testDB struct {
	dialect string
	db      *sql.DB // the writer pool, as the server would pass it
	dsn     string  // the SQLite path or the PostgreSQL URL, for a child process
	// reopen opens another pool on the same database, as a second instance would.
	reopen func(t *testing.T) *sql.DB
}

// eachDB runs fn on SQLite and on PostgreSQL (skipped without
// FIRSTSET_TEST_POSTGRES, required under CI=true).
func eachDB(t *testing.T, fn func(t *testing.T, d testDB)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		fn(t, sqliteDB(t))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		fn(t, postgresDB(t))
	})
}

func sqliteDB(t *testing.T) testDB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	open := func(t *testing.T) *sql.DB {
		t.Helper()
		db, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db.WriteDB()
	}
	st, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	d := testDB{dialect: "sqlite", db: st.WriteDB(), dsn: path, reopen: open}
	d.setUp(t)
	return d
}

func postgresDB(t *testing.T) testDB {
	t.Helper()
	srv := pgtest.NewServer(t)
	st := srv.Open(t)
	open := func(t *testing.T) *sql.DB {
		t.Helper()
		db, err := st.Reopen(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db.WriteDB()
	}
	var name string
	if err := st.WriteDB().QueryRow(`SELECT current_database()`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	d := testDB{dialect: "postgres", db: st.WriteDB(), dsn: srv.URL(t, name), reopen: open}
	d.setUp(t)
	return d
}

func (d testDB) setUp(t *testing.T) {
	t.Helper()
	if err := Migrate(context.Background(), d.db, d.dialect); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if _, err := d.db.Exec(`CREATE TABLE effects (job TEXT NOT NULL, period TEXT NOT NULL, note TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
}

// q rewrites ? placeholders for PostgreSQL.
func (d testDB) q(query string) string {
	if d.dialect != "postgres" {
		return query
	}
	var b strings.Builder
	n := 0
	for _, c := range query {
		if c == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// effect records that job ran for the period in ctx ("now" for RunNow).
func effect(ctx context.Context, db *sql.DB, d testDB, job, note string) error {
	period := "now"
	if p, ok := Period(ctx); ok {
		period = p.Format(time.RFC3339Nano)
	}
	_, err := db.ExecContext(ctx, d.q(`INSERT INTO effects (job, period, note) VALUES (?, ?, ?)`), job, period, note)
	return err
}

func (d testDB) count(t *testing.T, where string, args ...any) int {
	t.Helper()
	var n int
	if err := d.db.QueryRow(d.q(`SELECT count(*) FROM effects WHERE `+where), args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// waitFor polls cond until it holds, failing t after timeout.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %v still waiting for %s", timeout, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// start builds and starts a runner on db with test tuning, stopped when t ends.
func start(t *testing.T, d testDB, db *sql.DB, cfg Config) *Runner {
	t.Helper()
	r := build(t, d, db, cfg)
	if err := r.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := r.Stop(ctx); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return r
}

func build(t *testing.T, d testDB, db *sql.DB, cfg Config) *Runner {
	t.Helper()
	cfg.DB = db
	cfg.Dialect = d.dialect
	if cfg.RetryBackoff == 0 {
		cfg.RetryBackoff = 100 * time.Millisecond
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	if cfg.PollInterval == 0 {
		cfg.PollInterval = 200 * time.Millisecond
	}
	r, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// emptySQLite and emptyPostgres give a database without tables and a way
// to open pools on it.
func emptySQLite(t *testing.T) (func() *sql.DB, string) {
	path := filepath.Join(t.TempDir(), "empty.db")
	return func() *sql.DB {
		db, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db.WriteDB()
	}, "sqlite"
}

func emptyPostgres(t *testing.T) (func() *sql.DB, string) {
	url := pgtest.EmptyDatabase(t)
	return func() *sql.DB {
		db, err := postgres.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db.WriteDB()
	}, "postgres"
}
