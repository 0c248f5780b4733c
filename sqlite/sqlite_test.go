package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"firstset"
	"firstset/sqlite"
	"firstset/storetest"
)

func openTemp(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "sub", "firstset.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) firstset.Store { return openTemp(t) })
}

// migrationState is what a repeated migration must not change.
func migrationState(t *testing.T, db *sql.DB) (versions, categories int, latest int64) {
	t.Helper()
	if err := db.QueryRow(`SELECT COUNT(*), MAX(version_id) FROM goose_db_version`).Scan(&versions, &latest); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT COUNT(*) FROM categories`).Scan(&categories); err != nil {
		t.Fatal(err)
	}
	return versions, categories, latest
}

func TestMigrateTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "firstset.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	v1, c1, l1 := migrationState(t, db.WriteDB())
	if l1 < 2 || c1 < 10 {
		t.Fatalf("after migrating: latest version %d, %d categories", l1, c1)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// And again from a fresh process's point of view.
	db, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	v2, c2, l2 := migrationState(t, db.WriteDB())
	if v1 != v2 || c1 != c2 || l1 != l2 {
		t.Fatalf("migrating again changed the database: versions %d→%d, categories %d→%d, latest %d→%d", v1, v2, c1, c2, l1, l2)
	}
}

func TestPragmas(t *testing.T) {
	db := openTemp(t)
	for _, pool := range []*sql.DB{db.WriteDB(), db.ReadDB()} {
		var mode string
		var sync, fk int
		if err := pool.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if err := pool.QueryRow(`PRAGMA synchronous`).Scan(&sync); err != nil {
			t.Fatal(err)
		}
		if err := pool.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" || sync != 2 || fk != 1 {
			t.Fatalf("journal_mode %s, synchronous %d (2 is FULL), foreign_keys %d", mode, sync, fk)
		}
	}
	if _, err := db.ReadDB().Exec(`INSERT INTO categories (name, sort) VALUES ('x', 1)`); err == nil {
		t.Fatal("the read pool must refuse writes")
	}
}

func TestBackup(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	err := db.Update(ctx, func(tx firstset.Tx) error {
		return tx.CreateEnterprise(ctx, &firstset.Enterprise{Name: "重庆备份测试有限公司", CreditCode: "91500000MA0000001X"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, db.Path()); err == nil {
		t.Fatal("a backup must refuse to overwrite the database itself")
	}
	path := filepath.Join(t.TempDir(), "backups", "copy.db")
	if err := db.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	// A second backup to the same path replaces the first.
	if err := db.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	copyDB, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	if err := copyDB.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	err = copyDB.View(ctx, func(tx firstset.Tx) error {
		e, err := tx.EnterpriseByCreditCode(ctx, "91500000MA0000001X")
		if err == nil && e.Name != "重庆备份测试有限公司" {
			t.Fatalf("backup holds %q", e.Name)
		}
		return err
	})
	if err != nil {
		t.Fatalf("backup lacks the data: %v", err)
	}
}

func TestSharedDatabase(t *testing.T) {
	a := openTemp(t)
	b, err := a.Reopen(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	storetest.SharedDatabase(t, a, b)
	storetest.SharedCaseSequence(t, a, b)
}
