// Package pgtest gives tests PostgreSQL stores of their own on the server
// FIRSTSET_TEST_POSTGRES names (a DSN, e.g.
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable). Without it
// tests skip, unless CI=true, where PostgreSQL is required.
//
// A Server migrates one template database per test run; every store is a
// fresh copy of it (CREATE DATABASE … TEMPLATE, fast), and every database
// is dropped when its test ends.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"firstset/postgres"
)

// Server creates test databases on one PostgreSQL server.
type Server struct {
	dsn      string
	admin    *sql.DB
	template string
	mu       sync.Mutex
	n        int
}

// NewServer connects to FIRSTSET_TEST_POSTGRES and migrates a template
// database; both go away when tb ends. It skips tb when the variable is
// unset, or fails it under CI=true.
func NewServer(tb testing.TB) *Server {
	tb.Helper()
	s := connect(tb)
	s.create(tb, s.template, "")
	tb.Cleanup(func() { s.drop(s.template) })
	db, err := postgres.Open(context.Background(), s.URL(tb, s.template))
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	defer db.Close()
	if err := db.Migrate(context.Background()); err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	return s
}

// EmptyDatabase creates a database with no tables, for tests of what the
// binary does to a database it meets for the first time, and returns its
// URL; the database is dropped when tb ends.
func EmptyDatabase(tb testing.TB) string {
	tb.Helper()
	s := connect(tb)
	s.create(tb, s.template, "")
	tb.Cleanup(func() { s.drop(s.template) })
	return s.URL(tb, s.template)
}

// connect opens the administrative connection and picks a name unique to
// this run, skipping or failing tb as NewServer says.
func connect(tb testing.TB) *Server {
	tb.Helper()
	dsn := os.Getenv("FIRSTSET_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatal("FIRSTSET_TEST_POSTGRES must be set under CI=true")
		}
		tb.Skip("FIRSTSET_TEST_POSTGRES is not set")
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	tb.Cleanup(func() { admin.Close() })
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	name := fmt.Sprintf("firstset_test_%d_%s", os.Getpid(), hex.EncodeToString(b[:]))
	return &Server{dsn: dsn, admin: admin, template: name}
}

func (s *Server) create(tb testing.TB, name, template string) {
	tb.Helper()
	q := `CREATE DATABASE ` + name
	if template != "" {
		q += ` TEMPLATE ` + template
	}
	if _, err := s.admin.Exec(q); err != nil {
		tb.Fatalf("pgtest: create database: %v", err)
	}
}

func (s *Server) drop(name string) {
	// A failed drop leaves a database behind; it cannot fail the test
	// that already ended.
	_, _ = s.admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
}

// URL is the server's DSN with its database replaced by name.
func (s *Server) URL(tb testing.TB, name string) string {
	tb.Helper()
	if strings.HasPrefix(s.dsn, "postgres://") || strings.HasPrefix(s.dsn, "postgresql://") {
		u, err := url.Parse(s.dsn)
		if err != nil {
			tb.Fatalf("pgtest: %v", err)
		}
		u.Path = "/" + name
		return u.String()
	}
	return s.dsn + " dbname=" + name
}

// Open returns a migrated, empty store in a database of its own, closed and
// dropped when tb ends.
func (s *Server) Open(tb testing.TB) *postgres.DB {
	tb.Helper()
	s.mu.Lock()
	s.n++
	name := fmt.Sprintf("%s_%d", s.template, s.n)
	s.create(tb, name, s.template)
	s.mu.Unlock()
	tb.Cleanup(func() { s.drop(name) })
	db, err := postgres.Open(context.Background(), s.URL(tb, name))
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// Open is NewServer(tb).Open(tb), for a test that needs one store.
func Open(tb testing.TB) *postgres.DB {
	tb.Helper()
	return NewServer(tb).Open(tb)
}
