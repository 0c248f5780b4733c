// Package dbtest gives tests a fresh, migrated store of every database the
// platform supports, so one suite runs on all of them: SQLite always, and
// PostgreSQL when FIRSTSET_TEST_POSTGRES names a server (required in CI).
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"firstset"
	"firstset/postgres/pgtest"
	"firstset/sqlite"
)

// PostgresEnv names the environment variable holding an administrative
// PostgreSQL URL; each test gets its own database created under it.
const PostgresEnv = "FIRSTSET_TEST_POSTGRES"

// Run calls fn once for each database, each time with a fresh store.
func Run(t *testing.T, fn func(t *testing.T, store firstset.Store)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite opens a migrated SQLite store in a temporary directory.
func SQLite(t testing.TB) firstset.Store {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate sqlite: %v", err)
	}
	return db
}

// Postgres opens a migrated store on a database of its own, dropped when
// the test ends. Without FIRSTSET_TEST_POSTGRES it skips, except under CI=true.
func Postgres(t testing.TB) firstset.Store {
	t.Helper()
	return pgtest.Open(t)
}

// NewPostgresDatabase creates an empty database, for tests of what the
// binary does to a database it meets for the first time (migrations
// included), and returns its URL; the database is dropped when the test ends.
func NewPostgresDatabase(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(PostgresEnv)
	if admin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set; PostgreSQL tests are required in CI", PostgresEnv)
		}
		t.Skipf("%s is not set", PostgresEnv)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("connect to %s: %v", PostgresEnv, err)
	}
	defer conn.Close(ctx)
	b := make([]byte, 6)
	rand.Read(b)
	name := "firstset_test_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8'"); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), admin)
		if err != nil {
			t.Logf("drop database %s: %v", name, err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	u.Path = "/" + name
	return fmt.Sprint(u)
}
