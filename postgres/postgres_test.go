package postgres_test

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"firstset"
	"firstset/postgres/pgtest"
	"firstset/storetest"
)

func TestContract(t *testing.T) {
	srv := pgtest.NewServer(t)
	storetest.Run(t, func(t *testing.T) firstset.Store { return srv.Open(t) })
}

func TestMigrateTwiceChangesNothing(t *testing.T) {
	db := pgtest.Open(t) // cloned from the migrated template
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
	db := pgtest.Open(t)
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

func TestSharedDatabase(t *testing.T) {
	a := pgtest.Open(t)
	b, err := a.Reopen(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	storetest.SharedDatabase(t, a, b)
	storetest.SharedCaseSequence(t, a, b)
}
