// Package dbtest gives tests a fresh, migrated store of every database the
// platform supports, so one suite runs on all of them: SQLite always, and
// PostgreSQL when FIRSTSET_TEST_POSTGRES names a server (required in CI).
package dbtest

import (
	"context"
	"path/filepath"
	"testing"

	"firstset"
	"firstset/postgres/pgtest"
	"firstset/sqlite"
)

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
	return pgtest.EmptyDatabase(t)
}
