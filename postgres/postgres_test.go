package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"firstset"
	"firstset/postgres"
	"firstset/storetest"
)

// server creates databases for tests on the server FIRSTSET_TEST_POSTGRES
// names: one migrated template per test run, cloned for each store, and
// dropped when the run ends.
type server struct {
	dsn      string
	admin    *sql.DB
	template string
	mu       sync.Mutex
	n        int
}

func newServer(t testing.TB) *server {
	dsn := os.Getenv("FIRSTSET_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("FIRSTSET_TEST_POSTGRES must be set under CI")
		}
		t.Skip("FIRSTSET_TEST_POSTGRES is not set")
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	s := &server{dsn: dsn, admin: admin}
	var b [4]byte
	rand.Read(b[:])
	s.template = fmt.Sprintf("firstset_test_%d_%s", os.Getpid(), hex.EncodeToString(b[:]))
	s.create(t, s.template, "")
	t.Cleanup(func() {
		s.drop(s.template)
		admin.Close()
	})
	db, err := postgres.Open(context.Background(), s.url(t, s.template))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *server) create(t testing.TB, name, template string) {
	t.Helper()
	q := `CREATE DATABASE ` + name
	if template != "" {
		q += ` TEMPLATE ` + template
	}
	if _, err := s.admin.Exec(q); err != nil {
		t.Fatalf("create test database: %v", err)
	}
}

func (s *server) drop(name string) {
	s.admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
}

// url is the DSN with its database replaced by name.
func (s *server) url(t testing.TB, name string) string {
	if strings.HasPrefix(s.dsn, "postgres://") || strings.HasPrefix(s.dsn, "postgresql://") {
		u, err := url.Parse(s.dsn)
		if err != nil {
			t.Fatal(err)
		}
		u.Path = "/" + name
		return u.String()
	}
	return s.dsn + " dbname=" + name
}

// open returns a migrated, empty store in a database of its own.
func (s *server) open(t testing.TB) *postgres.DB {
	s.mu.Lock()
	s.n++
	name := fmt.Sprintf("%s_%d", s.template, s.n)
	s.create(t, name, s.template)
	s.mu.Unlock()
	t.Cleanup(func() { s.drop(name) })
	db, err := postgres.Open(context.Background(), s.url(t, name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestContract(t *testing.T) {
	srv := newServer(t)
	storetest.Run(t, func(t *testing.T) firstset.Store { return srv.open(t) })
}

func TestMigrateTwiceChangesNothing(t *testing.T) {
	srv := newServer(t)
	db := srv.open(t) // cloned from the migrated template
	ctx := context.Background()
	state := func() (versions, categories int, latest int64) {
		t.Helper()
		pool := db.WriteDB()
		if err := pool.QueryRow(`SELECT COUNT(*), MAX(version_id) FROM goose_db_version`).Scan(&versions, &latest); err != nil {
			t.Fatal(err)
		}
		if err := pool.QueryRow(`SELECT COUNT(*) FROM categories`).Scan(&categories); err != nil {
			t.Fatal(err)
		}
		return
	}
	v1, c1, l1 := state()
	if l1 < 2 || c1 < 10 {
		t.Fatalf("after migrating: latest version %d, %d categories", l1, c1)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	v2, c2, l2 := state()
	if v1 != v2 || c1 != c2 || l1 != l2 {
		t.Fatalf("migrating again changed the database: versions %d→%d, categories %d→%d, latest %d→%d", v1, v2, c1, c2, l1, l2)
	}
}

func TestBackup(t *testing.T) {
	if _, err := exec.LookPath("pg_dump"); err != nil {
		t.Skip("pg_dump is not on PATH")
	}
	srv := newServer(t)
	db := srv.open(t)
	ctx := context.Background()
	err := db.Update(ctx, func(tx firstset.Tx) error {
		return tx.CreateEnterprise(ctx, &firstset.Enterprise{Name: "重庆备份测试有限公司", CreditCode: "91500000MA0000001X"})
	})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "backups", "firstset.dump")
	if err := db.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pg_restore", "--data-only", "--table=enterprises", "--file=-", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pg_restore cannot read the backup: %v: %s", err, out)
	}
	if !strings.Contains(string(out), "重庆备份测试有限公司") {
		t.Fatalf("the backup lacks the enterprise:\n%s", out)
	}
}
