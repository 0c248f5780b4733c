package sqlite_test

import (
	"context"
	"os"
	"testing"

	"firstset/fixture"
	"firstset/sqlite"
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
// by each filter, over FIRSTSET_BENCH_AUDIT entries; without ANALYZE, as
// the platform runs SQLite.
func BenchmarkAuditLog(b *testing.B) {
	storetest.BenchAudit(b, openTemp(b), nil)
}

func BenchmarkCreateProduct(b *testing.B) {
	storetest.BenchCreate(b, openTemp(b))
}

// loaded returns a store holding the benchmark fixture in a temporary
// file, or in FIRSTSET_BENCH_SQLITE, which keeps it between runs.
func loaded(b *testing.B) (*sqlite.DB, *fixture.Data) {
	path := os.Getenv("FIRSTSET_BENCH_SQLITE")
	if path == "" {
		db := openTemp(b)
		return db, storetest.Fixture(b, db, storetest.BenchProducts())
	}
	db, err := sqlite.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	return db, storetest.Fixture(b, db, storetest.BenchProducts())
}
