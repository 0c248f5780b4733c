package postgres_test

import (
	"context"
	"os"
	"testing"

	"firstset/fixture"
	"firstset/postgres"
	"firstset/postgres/pgtest"
	"firstset/storetest"
)

func BenchmarkCatalogSearch(b *testing.B) {
	db, d := loaded(b)
	storetest.BenchSearch(b, db, d)
}

func BenchmarkListProducts(b *testing.B) {
	db, d := loaded(b)
	storetest.BenchList(b, db, d)
}

func BenchmarkLoadCatalogIndex(b *testing.B) {
	db, _ := loaded(b)
	storetest.BenchLoadIndex(b, db)
}

func BenchmarkSearchWhileWriting(b *testing.B) {
	db, _ := loaded(b)
	storetest.BenchSearchWhileWriting(b, db)
}

// BenchmarkAuditLog times a page of the audit log (count and newest 50)
// by each filter, over FIRSTSET_BENCH_AUDIT entries, once autovacuum would
// have analysed the table.
func BenchmarkAuditLog(b *testing.B) {
	db := pgtest.Open(b)
	storetest.BenchAudit(b, db, func() error {
		_, err := db.WriteDB().Exec("VACUUM ANALYZE audit_log")
		return err
	})
}

func BenchmarkCreateProduct(b *testing.B) {
	storetest.BenchCreate(b, pgtest.Open(b))
}

// loaded returns a store holding the benchmark fixture in a fresh
// database, or in FIRSTSET_BENCH_POSTGRES (a URL), which keeps it between
// runs.
func loaded(b *testing.B) (*postgres.DB, *fixture.Data) {
	ctx := context.Background()
	var db *postgres.DB
	if url := os.Getenv("FIRSTSET_BENCH_POSTGRES"); url != "" {
		var err error
		if db, err = postgres.Open(ctx, url); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		if err := db.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
	} else {
		db = pgtest.Open(b)
	}
	d := storetest.Fixture(b, db, storetest.BenchProducts())
	// The planner needs statistics on the fresh data.
	if _, err := db.WriteDB().ExecContext(ctx, `VACUUM ANALYZE`); err != nil {
		b.Fatal(err)
	}
	return db, d
}
